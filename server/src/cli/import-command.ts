import { createWriteStream, existsSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { type ImportJobView, delimiterName } from '@tessera/schemas'
import { templates } from '@tessera/templates'
import { type ImportProgress, type ImportSummary, runImport, writeErrorReport } from '../import/index.js'
import { fromUser } from './cli-paths.js'
import type { createHttpClient, RemoteFlags } from './http-client.js'
import { localOrRemote } from './local-or-remote.js'
import type { LocalRuntime } from './open-local.js'
import { createProgressLine } from './progress-line.js'

export interface ImportFlags extends RemoteFlags {
  app: string
  form: string
  profile?: string
  dryRun?: boolean
  skipDuplicates?: boolean
  errors?: string
  encoding?: string
  delimiter?: string
  data: string
}

type Print = (line: string) => void

/** The final lines of an import, local or through a server: the same words for the same figures. */
function printSummary(
  s: Pick<
    ImportSummary,
    'read' | 'imported' | 'updated' | 'skipped' | 'failed' | 'encoding' | 'delimiter' | 'unmappedColumns'
  > & {
    problems: number
  },
  dryRun: boolean,
  print: Print,
) {
  // a dry run writes nothing: its counts are what an import would do
  const [imported, updated] = dryRun ? ['would import', 'would update'] : ['imported', 'updated']
  print(
    `${dryRun ? 'Dry run (nothing written): ' : ''}${s.read} rows read, ${s.imported} ${imported}, ${s.updated} ${updated}, ${s.skipped} skipped, ${s.failed} failed, ${s.problems} problems reported`,
  )
  if (s.encoding) print(`Encoding: ${s.encoding}`)
  if (s.delimiter) print(`Delimiter: ${delimiterName(s.delimiter)}`)
  if (s.unmappedColumns.length) print(`Columns not imported: ${s.unmappedColumns.join(', ')}`)
}

/** `tessera import <file> --app --form`: locally, or through a running server when the data dir is in use. */
export async function runImportCommand(
  file: string,
  flags: ImportFlags,
  print: Print = console.log,
): Promise<number> {
  const path = fromUser(file)
  if (!existsSync(path) || !statSync(path).isFile()) {
    print(`error: no file at ${path}`)
    return 1
  }
  if (flags.url) print(`Importing through ${flags.url}`)
  return localOrRemote(flags, print, {
    local: (local) => importLocally(local, path, flags, print),
    remote: (client) => importRemotely(client, path, flags, print),
  })
}

async function importLocally(
  local: LocalRuntime,
  path: string,
  flags: ImportFlags,
  print: Print,
): Promise<number> {
  const published = await local.store.apps.published(flags.app)
  if (!published) {
    print(`The app ${flags.app} has no published version.`)
    return 1
  }
  const profile = flags.profile
    ? templates.flatMap((t) => t.profiles).find((p) => p.key === flags.profile && p.app === flags.app)
    : undefined
  if (flags.profile && !profile) {
    print(`No import profile ${flags.profile} for ${flags.app}.`)
    return 1
  }
  const admin = (await local.store.users.list()).find((u) => u.isAdmin && u.active)
  const progress = createProgressLine(flags.dryRun ?? false)
  let lastProgress: ImportProgress = { read: 0, imported: 0, updated: 0, skipped: 0, failed: 0 }
  const summary = await runImport({
    engine: local.engine,
    store: local.runtime,
    app: published.definition,
    form: flags.form,
    source: {
      path,
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.delimiter ? { delimiter: flags.delimiter } : {}),
    },
    ...(profile ? { profile } : {}),
    dryRun: flags.dryRun ?? false,
    skipDuplicates: flags.skipDuplicates ?? false,
    actor: { userId: admin?.id ?? null, isAdmin: true, via: 'import' },
    onProgress: (p) => {
      lastProgress = p
      progress.update(p)
    },
  })
  progress.done({
    ...lastProgress,
    read: summary.read,
    imported: summary.imported,
    updated: summary.updated,
    failed: summary.failed,
  })
  await local.store.audit({
    actor: admin?.id ?? null,
    action: 'import.done',
    target: `${flags.app}/${flags.form}`,
    details: { via: 'cli', read: summary.read, imported: summary.imported, failed: summary.failed },
  })
  printSummary({ ...summary, problems: summary.errors.length }, summary.dryRun, print)
  if (flags.errors) {
    const out = createWriteStream(fromUser(flags.errors))
    await writeErrorReport(summary.errors, out)
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    )
    print(`Row problems written to ${fromUser(flags.errors)}`)
  } else for (const e of summary.errors.slice(0, 10)) print(`  row ${e.row} ${e.column}: ${e.reason}`)
  return summary.failed > 0 ? 1 : 0
}

type RemoteJob = ImportJobView

async function importRemotely(
  client: ReturnType<typeof createHttpClient>,
  path: string,
  flags: ImportFlags,
  print: Print,
): Promise<number> {
  const base = `/api/apps/${encodeURIComponent(flags.app)}/forms/${encodeURIComponent(flags.form)}/imports`
  const fields: Record<string, string> = {}
  if (flags.profile) fields.profile = flags.profile
  if (flags.encoding) fields.encoding = flags.encoding
  if (flags.delimiter) fields.delimiter = flags.delimiter
  if (flags.dryRun) fields.dryRun = 'true'
  if (flags.skipDuplicates) fields.skipDuplicates = 'true'
  let job = (await (await client.upload(base, path, fields)).json()) as RemoteJob
  const progress = createProgressLine(flags.dryRun ?? false)
  while (job.status === 'pending' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 500))
    job = await client.json<RemoteJob>('GET', `${base}/${job.id}`)
    // the last poll's counts are drawn once, by done() below
    if (job.status !== 'pending' && job.status !== 'running') break
    progress.update({
      read: job.processed,
      imported: job.created,
      updated: job.updated,
      skipped: job.skipped,
      failed: job.failed,
    })
  }
  progress.done({
    read: job.processed,
    imported: job.created,
    updated: job.updated,
    skipped: job.skipped,
    failed: job.failed,
  })
  // a failed job names why in its one issue (row 0): the file, not a row
  if (job.status === 'failed') {
    const reasons = (job.errors ?? []).map((e) => e.reason)
    print(`error: ${reasons.join('; ') || 'the import failed on the server (see its log)'}`)
    return 1
  }
  printSummary(
    {
      read: job.processed,
      imported: job.created,
      updated: job.updated,
      skipped: job.skipped,
      failed: job.failed,
      problems: job.errorCount,
      encoding: job.encoding,
      delimiter: job.delimiter ?? null,
      unmappedColumns: job.unmappedColumns,
    },
    flags.dryRun ?? false,
    print,
  )
  if (!flags.errors)
    for (const e of (job.errors ?? []).slice(0, 10)) print(`  row ${e.row} ${e.column}: ${e.reason}`)
  if (flags.errors) {
    const res = await client.raw('GET', `${base}/${job.id}/errors.csv`)
    await writeFile(fromUser(flags.errors), Buffer.from(await res.arrayBuffer()))
    print(`Row problems written to ${fromUser(flags.errors)}`)
  }
  return job.status === 'done' && job.failed === 0 ? 0 : 1
}
