import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { crmImportProfiles } from '@tessera/templates'
import { hashPassword, type PasswordCost } from '../auth/passwords.js'
import type { ServerStore } from '../server-store.js'

/**
 * The one password of every simulated person the demo makes, so a visitor can sign in as a rep or a
 * manager and see their inbox. A demo database is for trying Tessera, never for real work: the
 * admins keep their own generated passwords.
 */
export const DEMO_PASSWORD = 'tessera-demo'

/** The files the demo reads from its folder, in the order it reads them. */
export const demoInputFiles = (): string[] => [
  ...(crmImportProfiles['crm-pipeline']?.steps.map((s) => s.file) ?? []),
  'leads-education.csv',
]

/** What is missing from the demo's folder (null when it can run), before any database work. */
export function missingDemoInput(dir: string): string | null {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `no folder at ${dir}`
  const files = demoInputFiles()
  for (const file of files) {
    const path = join(dir, file)
    if (!existsSync(path)) return `${dir} has no ${file} (the demo needs ${files.join(', ')})`
    if (statSync(path).size === 0) return `${path} is empty`
  }
  return null
}

/** A person the demo made, with the role that shows what they do. */
export interface DemoPerson {
  email: string
  role: 'sales' | 'sales_manager' | 'operations'
}

/**
 * Gives the demo's people (members of the CRM who are not platform admins and have no password yet)
 * the demo password; answers one example of each role for the sign-in hint.
 */
export async function setDemoPasswords(
  store: ServerStore,
  cost?: Partial<PasswordCost>,
): Promise<DemoPerson[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, cost)
  const members = await store.memberships.ofApp('crm')
  const examples = new Map<DemoPerson['role'], string>()
  for (const m of members) {
    const user = await store.users.byId(m.userId)
    if (!user || user.isAdmin) continue
    const found = await store.users.byEmail(user.email)
    if (found && !found.passwordHash) await store.users.setPassword(user.id, passwordHash)
    for (const role of ['sales', 'sales_manager', 'operations'] as const)
      if (m.roles.includes(role) && !examples.has(role)) examples.set(role, user.email)
  }
  return [...examples].map(([role, email]) => ({ role, email }))
}
