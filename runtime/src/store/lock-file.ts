import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { TesseraError } from '../errors.js'

const LOCK_NAME = 'tessera.lock'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else; it is alive all the same.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims an embedded data directory for this process. PGlite does not lock its directory, and two
 * processes writing one would corrupt it, so a second opener is refused while the first lives; a lock
 * left by a dead process is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LOCK_NAME)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    if (Number.isInteger(pid) && isAlive(pid)) {
      throw new TesseraError(
        'STORE_LOCKED',
        {
          'zh-CN': `数据目录 ${dir} 正被进程 ${pid} 使用`,
          en: `the data directory ${dir} is in use by process ${pid}`,
        },
        { dir, pid },
      )
    }
    // Stale: its owner is gone, take it over.
    rmSync(path, { force: true })
  }
  throw new TesseraError(
    'STORE_LOCKED',
    {
      'zh-CN': `无法锁定数据目录 ${dir}`,
      en: `could not lock the data directory ${dir}`,
    },
    { dir },
  )
}
