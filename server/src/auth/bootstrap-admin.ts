import { randomBytes } from 'node:crypto'
import { isTesseraError } from '@tessera/runtime'
import type { ServerStore } from '../server-store.js'
import { type PasswordCost, hashPassword } from './passwords.js'

export interface BootstrapResult {
  email: string
  /** set only when this start created the admin with a generated password: print it once */
  generatedPassword?: string
  created: boolean
}

/**
 * First start: the platform admin from TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD, or a generated
 * password the caller prints once (it is not stored anywhere but as its argon2id hash).
 * Later starts change nothing.
 */
export async function bootstrapAdmin(
  store: ServerStore,
  env: { email?: string; password?: string },
  cost?: Partial<PasswordCost>,
): Promise<BootstrapResult> {
  const email = env.email?.trim() || 'admin@localhost'
  if ((await store.users.count()) > 0) return { email, created: false }
  const password = env.password || randomBytes(18).toString('base64url')
  const passwordHash = await hashPassword(password, cost)
  // Two processes starting at once on one PostgreSQL: the unique email lets one create it.
  const user = await store.users
    .create({ email, name: 'Admin', passwordHash, isAdmin: true })
    .catch((err: unknown) => {
      if (isTesseraError(err) && err.code === 'UNIQUE_VIOLATION') return null
      throw err
    })
  if (!user) return { email, created: false }
  await store.audit({ actor: user.id, action: 'admin.bootstrap', target: user.id })
  return { email: user.email, created: true, ...(env.password ? {} : { generatedPassword: password }) }
}
