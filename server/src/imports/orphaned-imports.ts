import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { createImportJobStore, type ImportJob, type Store } from '@tessera/runtime'
import type { ImportIssue } from '../import/index.js'

/** This process as an import runner: host, pid, and a token that a restarted process with the same pid lacks. */
export const IMPORT_RUNNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/** How often a running import says it is alive, and how long a silence means its process is gone. */
export const HEARTBEAT_MS = 15_000
export const STALE_MS = 120_000

/**
 * Whether the process named by a runner id is certainly gone: it ran on this host, and its pid is
 * not alive (or is this very process, restarted). On another host only the heartbeat can tell.
 */
export function runnerIsGone(runner: string, self = IMPORT_RUNNER): boolean {
  const [host, pidText, token] = runner.split(':')
  const [myHost, myPid, myToken] = self.split(':')
  if (host !== myHost) return false
  if (pidText === myPid) return token !== myToken
  const pid = Number(pidText)
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    // EPERM: alive, someone else's; ESRCH: no such process
    return (e as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

const interrupted = (job: ImportJob): ImportIssue => ({
  row: 0,
  column: '',
  value: '',
  code: 'INTERRUPTED',
  reason:
    `The server process running this import stopped (a crash or a restart) after ${job.processed} rows. ` +
    'The rows it committed are kept. Upload the same file again: rows already imported are recognised ' +
    'by their external key or unique values and are not imported twice.',
  message: {
    en:
      `The server process running this import stopped (a crash or a restart) after ${job.processed} rows. ` +
      'The rows it committed are kept. Upload the same file again: rows already imported are recognised ' +
      'by their external key or unique values and are not imported twice.',
    'zh-CN':
      `执行此导入的服务器进程在处理 ${job.processed} 行后停止（崩溃或重启）。已提交的行会保留。` +
      '请再次上传同一文件：已导入的行会按外部编号或唯一值识别，不会重复导入。',
  },
  severity: 'error',
})

/**
 * Marks the import jobs whose process died as failed with an INTERRUPTED issue, so they no longer
 * show as running for ever. Run at start and then now and again by every process.
 */
export function failOrphanedImports(store: Store, now = new Date()): Promise<ImportJob[]> {
  return createImportJobStore(store.db).failOrphans(
    (runner) => runnerIsGone(runner),
    new Date(now.getTime() - STALE_MS),
    interrupted,
  )
}
