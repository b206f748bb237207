import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { templates } from '@tessera/templates'
import { buildApp } from '../app.js'
import { bootstrapAdmin } from '../auth/bootstrap-admin.js'
import type { LocalRuntime } from './open-local.js'
import { openLocal } from './open-local.js'

export interface StartFlags {
  port: string
  host: string
  data: string
  /** SMTP for e-mail notifications; default TESSERA_SMTP_URL */
  smtpUrl?: string
  /** the From of those e-mails; default TESSERA_SMTP_FROM */
  smtpFrom?: string
  /** the UI's public address for links in e-mails and robot messages; default TESSERA_PUBLIC_URL */
  publicUrl?: string
  /** API requests a minute per client address, 0 for no limit; default TESSERA_RATE_LIMIT, else 3000 */
  rateLimit?: string
}

/** Published apps whose notify actions send e-mail: without SMTP their messages would wait in the outbox. */
async function appsMailing(local: LocalRuntime): Promise<string[]> {
  const out: string[] = []
  for (const summary of await local.store.apps.list()) {
    const def = (await local.store.apps.published(summary.key))?.definition
    if (!def) continue
    const actions = [
      ...(def.workflows ?? []).flatMap((w) => w.transitions.flatMap((t) => t.actions ?? [])),
      ...(def.automations ?? []).flatMap((a) => a.actions),
    ]
    if (actions.some((a) => a.type === 'notify' && a.channel === 'email')) out.push(summary.key)
  }
  return out
}

const here = dirname(fileURLToPath(import.meta.url))
/** builder-ui's build output, beside this package in the workspace. */
const defaultUiDir = () => process.env.TESSERA_UI_DIR || join(here, '..', '..', '..', 'builder-ui', 'dist')

/** Installs every shipped template (the CRM first) the first time a store is started. */
async function installTemplates(local: LocalRuntime, adminId: string | null, log: (line: string) => void) {
  const existing = new Set((await local.store.apps.list()).map((a) => a.key))
  for (const template of templates) {
    if (existing.has(template.key)) continue
    const actor = { userId: adminId, isAdmin: true, via: 'cli' }
    // Several servers may start at once on one database: only the first installs.
    const { version, skipped } = await local.engine.publish(
      template.key,
      template.definition,
      actor,
      undefined,
      {
        onlyIfNew: true,
      },
    )
    if (skipped) continue
    await local.store.apps.saveDraft(
      template.key,
      template.definition as unknown as Record<string, unknown>,
      adminId,
    )
    log(`Installed the ${template.key} template (version ${version}).`)
  }
}

/** The listen failure a person can act on: a busy port names the flag that picks another. */
const listenError = (err: unknown, port: number, host: string) => {
  const code = err instanceof Error && 'code' in err ? err.code : undefined
  if (code === 'EADDRINUSE') return new Error(`port ${port} is in use; choose another with --port`)
  if (code === 'EADDRNOTAVAIL') return new Error(`cannot listen on ${host}: no such local address (--host)`)
  if (code === 'EACCES') return new Error(`port ${port} needs more privileges; choose another with --port`)
  return err
}

/** Tries the port before the database is touched, so a busy port changes nothing. */
export async function checkPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (err) => reject(listenError(err, port, host)))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()))
  })
}

/** Requests a minute per address from --rate-limit or TESSERA_RATE_LIMIT: a whole number, 0 for none. */
export function parseRateLimit(flag: string | undefined): number | undefined {
  const raw = flag ?? process.env.TESSERA_RATE_LIMIT
  if (raw === undefined || raw.trim() === '') return undefined
  const max = Number(raw)
  if (!Number.isInteger(max) || max < 0)
    throw new Error(`--rate-limit must be a whole number of requests a minute (0 for no limit), not ${raw}`)
  return max
}

/** `tessera start`: the API, the docs and the UI on one port, with the timer and outbox loops. */
export async function runStart(flags: StartFlags, log: (line: string) => void = console.log): Promise<void> {
  const port = Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${flags.port}`)
  const smtpUrl = flags.smtpUrl ?? process.env.TESSERA_SMTP_URL
  const smtpFrom = flags.smtpFrom ?? process.env.TESSERA_SMTP_FROM
  const publicUrl = flags.publicUrl ?? process.env.TESSERA_PUBLIC_URL
  const rateLimit = parseRateLimit(flags.rateLimit)
  // the window between this probe and listen() is small; listen() says the same if it is lost
  if (port !== 0) await checkPortFree(port, flags.host)
  const local = await openLocal(flags, {
    create: true,
    engine: {
      smtp: smtpUrl ? { url: smtpUrl, from: smtpFrom || 'Tessera <tessera@localhost>' } : null,
      ...(publicUrl ? { publicUrl } : {}),
    },
  })
  const admin = await bootstrapAdmin(local.store, {
    email: process.env.TESSERA_ADMIN_EMAIL,
    password: process.env.TESSERA_ADMIN_PASSWORD,
  })
  const adminUser = await local.store.users.byEmail(admin.email)
  await installTemplates(local, adminUser?.id ?? null, log)

  const uiDir = defaultUiDir()
  const app = await buildApp({
    engine: local.engine,
    store: local.store,
    options: {
      logger: { level: process.env.TESSERA_LOG_LEVEL ?? 'warn' },
      filesDir: local.filesDir,
      uiDir: existsSync(join(uiDir, 'index.html')) ? uiDir : null,
      secureCookies: process.env.TESSERA_SECURE_COOKIES === '1',
      trustProxy: process.env.TESSERA_TRUST_PROXY === '1',
      ...(rateLimit === undefined ? {} : { rateLimit: { max: rateLimit, windowMs: 60_000 } }),
    },
  })
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log(`\n${signal}: stopping…`)
    await app.close().catch(() => {})
    await local.close().catch(() => {})
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))

  try {
    await app.listen({ port, host: flags.host })
  } catch (err) {
    await app.close().catch(() => {})
    await local.close().catch(() => {})
    throw listenError(err, port, flags.host)
  }
  const address = app.server.address()
  const url = `http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${typeof address === 'object' && address ? address.port : port}`
  log(`Tessera is running at ${url}`)
  log(`  API docs:  ${url}/api/docs`)
  log(`  Database:  ${local.dataDir ? `embedded PGlite in ${local.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`)
  if (smtpUrl)
    log(
      `  E-mail:    through ${URL.canParse(smtpUrl) ? new URL(smtpUrl).host : smtpUrl} as ${smtpFrom || 'Tessera <tessera@localhost>'}`,
    )
  else {
    const mailing = await appsMailing(local).catch(() => [])
    if (mailing.length > 0)
      log(
        `  Warning:   no SMTP configured (--smtp-url or TESSERA_SMTP_URL), yet ${mailing.length > 1 ? 'the apps' : 'the app'} ${mailing.join(', ')} ${mailing.length > 1 ? 'send' : 'sends'} e-mail notifications: they fail in the outbox (GET /api/outbox) until SMTP is set, then can be replayed`,
      )
  }
  if (!existsSync(join(uiDir, 'index.html')))
    log(
      '  UI:        not built: stop and run `pnpm start` (it builds the UI first; same flags), or `pnpm --filter @tessera/builder-ui build`. The API works without it',
    )
  if (admin.created) {
    log(`  Admin:     ${admin.email}`)
    if (admin.generatedPassword) log(`  Password:  ${admin.generatedPassword}   (shown once: note it now)`)
    else log('  Password:  from TESSERA_ADMIN_PASSWORD')
  } else log(`  Admin:     ${admin.email} (created on an earlier start)`)
}
