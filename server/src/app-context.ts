import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '@tessera/runtime'
import type { VerifyOptions, VerifyResult } from '@tessera/schemas'
import type { PasswordCost } from './auth/passwords.js'
import type { CredentialCache } from './auth/credential-cache.js'
import type { ChangeHub } from './live/change-hub.js'
import type { DefinitionCache } from './records/definition-cache.js'
import type { ServerStore } from './server-store.js'

/** What buildApp accepts; every limit has a default a real deployment can live with. */
export interface ServerOptions {
  logger?: boolean | Record<string, unknown>
  /** JSON bodies (default 1 MiB) */
  bodyLimit?: number
  /** one uploaded file (default 25 MiB) */
  fileLimit?: number
  /** one import upload (default 100 MiB) */
  importLimit?: number
  /** where uploaded files are kept (default: a temp dir) */
  filesDir?: string
  /** the built UI (builder-ui/dist); null serves none */
  uiDir?: string | null
  /** send cookies with `Secure` (behind HTTPS) */
  secureCookies?: boolean
  trustProxy?: boolean
  passwordCost?: Partial<PasswordCost>
  /** all API requests per address (default 3000 a minute; max 0: no global limit) */
  rateLimit?: { max: number; windowMs: number }
  /** login attempts per account and per address */
  loginLimit?: { perAccount: number; perAddress: number; windowMs: number }
  /** public form submissions per address */
  publicFormLimit?: { max: number; windowMs: number }
  sessionTtlMs?: number
  /** run the timer and outbox loops in this process (default true) */
  background?: boolean
  timerIntervalMs?: number
  outboxIntervalMs?: number
  /** hosts a webhook may reach even when private (TESSERA_WEBHOOK_ALLOW_HOSTS) */
  webhookAllowHosts?: string[]
  webhookTimeoutMs?: number
}

export type ResolvedOptions = Required<Omit<ServerOptions, 'logger' | 'passwordCost'>> &
  Pick<ServerOptions, 'logger' | 'passwordCost'>

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  return {
    logger: options.logger ?? false,
    passwordCost: options.passwordCost,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    fileLimit: options.fileLimit ?? 25 * 1024 * 1024,
    importLimit: options.importLimit ?? 100 * 1024 * 1024,
    filesDir: options.filesDir ?? join(tmpdir(), 'tessera-files'),
    uiDir: options.uiDir === undefined ? null : options.uiDir,
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
    rateLimit: options.rateLimit ?? { max: 3000, windowMs: 60_000 },
    loginLimit: options.loginLimit ?? { perAccount: 5, perAddress: 30, windowMs: 15 * 60_000 },
    publicFormLimit: options.publicFormLimit ?? { max: 10, windowMs: 60_000 },
    sessionTtlMs: options.sessionTtlMs ?? 7 * 24 * 3600_000,
    background: options.background ?? true,
    timerIntervalMs: options.timerIntervalMs ?? 1000,
    outboxIntervalMs: options.outboxIntervalMs ?? 1000,
    webhookAllowHosts:
      options.webhookAllowHosts ??
      (process.env.TESSERA_WEBHOOK_ALLOW_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
  }
}

/** Handed to every route plugin: the dependencies, never a global. */
export interface AppContext {
  engine: Engine
  store: ServerStore
  options: ResolvedOptions
  changes: ChangeHub
  definitions: DefinitionCache
  /** who cookies and tokens are, for a few seconds; cleared on logout, revocation, deactivation */
  credentials: CredentialCache
  /** the definition verifier (meta-schema, then semantic checks) */
  verify: (definition: unknown, options?: VerifyOptions) => VerifyResult
}
