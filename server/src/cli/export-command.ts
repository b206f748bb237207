import { createWriteStream } from 'node:fs'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { writeExport } from '../export/index.js'
import { fromUser } from './cli-paths.js'
import type { RemoteFlags } from './http-client.js'
import { localOrRemote } from './local-or-remote.js'

export interface ExportFlags extends RemoteFlags {
  app: string
  form: string
  format: 'csv' | 'xlsx'
  out?: string
  filter?: string
  sort?: string
  data: string
}

type Print = (line: string) => void

/** Read at each call, so a test can stand in a terminal. */
export const stdoutIsTty = () => process.stdout.isTTY === true

/** `tessera export --app --form [--format] [--out]`: to a file, or stdout without --out. */
export async function runExportCommand(
  flags: ExportFlags,
  print: Print = (l) => console.error(l),
): Promise<number> {
  if (flags.format !== 'csv' && flags.format !== 'xlsx') {
    print(`--format must be csv or xlsx, not ${flags.format}`)
    return 1
  }
  let filter: Record<string, unknown> | undefined
  if (flags.filter) {
    try {
      filter = JSON.parse(flags.filter) as Record<string, unknown>
    } catch {
      print('--filter must be JSON, e.g. {"state": {"in": ["new"]}}')
      return 1
    }
  }
  // An XLSX is a ZIP: on a terminal it is noise that can upset the terminal itself.
  if (flags.format === 'xlsx' && !flags.out && stdoutIsTty()) {
    print('error: an XLSX export is binary: give --out <file.xlsx> (or redirect stdout to a file)')
    return 1
  }
  const sink = (): Writable => (flags.out ? createWriteStream(fromUser(flags.out)) : process.stdout)
  return localOrRemote(flags, print, {
    async local(local) {
      const published = await local.store.apps.published(flags.app)
      if (!published) {
        print(`The app ${flags.app} has no published version.`)
        return 1
      }
      const admin = (await local.store.users.list()).find((u) => u.isAdmin && u.active)
      const actor = { userId: admin?.id ?? null, isAdmin: true, via: 'cli' }
      const out = sink()
      const rows = await writeExport({
        engine: local.engine,
        store: local.runtime,
        app: published.definition,
        form: flags.form,
        query: { ...(filter ? { filter } : {}), ...(flags.sort ? { sort: flags.sort } : {}) },
        actor,
        format: flags.format,
        out,
      })
      await local.store.audit({
        actor: actor.userId,
        action: 'export',
        target: `${flags.app}/${flags.form}`,
        details: { via: 'cli', rows },
      })
      if (flags.out) print(`${rows} rows written to ${fromUser(flags.out)}`)
      return 0
    },
    async remote(client) {
      const qs = new URLSearchParams({
        format: flags.format,
        ...(flags.filter ? { filter: flags.filter } : {}),
        ...(flags.sort ? { sort: flags.sort } : {}),
      })
      const res = await client.raw(
        'GET',
        `/api/apps/${encodeURIComponent(flags.app)}/forms/${encodeURIComponent(flags.form)}/export?${qs}`,
      )
      if (!res.body) return 1
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), sink())
      if (flags.out) print(`Export written to ${fromUser(flags.out)}`)
      return 0
    },
  })
}
