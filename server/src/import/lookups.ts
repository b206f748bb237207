import type { Actor, Engine, Store } from '@tessera/runtime'
import { createIdentityStore } from '@tessera/runtime'
import { personText } from '../export/cell-text.js'
import { normalizeText } from './normalize-text.js'

/** normalized display text -> id, for one relation target (`form.field`) or the app's members. */
export type LookupTable = Map<string, string>

/** Every record of a form by one field's normalized value, read page by page through the engine. */
export async function recordLookup(
  engine: Engine,
  app: string,
  form: string,
  by: string,
  actor: Actor,
): Promise<LookupTable> {
  const table: LookupTable = new Map()
  let cursor: string | undefined
  do {
    const page = await engine.list(app, form, { limit: 500, ...(cursor ? { cursor } : {}) }, actor)
    for (const item of page.items) {
      const value = item.data[by]
      if (typeof value === 'string' || typeof value === 'number') {
        const key = normalizeText(String(value))
        if (!table.has(key)) table.set(key, item.id)
      }
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return table
}

/** The app's members by normalized name, by email and as `Name <email>`: a `user` cell may hold any. */
export async function memberLookup(store: Store, app: string): Promise<LookupTable> {
  const table: LookupTable = new Map()
  for (const member of await createIdentityStore(store.db).listMembers(app)) {
    table.set(normalizeText(member.user.name), member.user.id)
    table.set(normalizeText(member.user.email), member.user.id)
    // the export's form of a person: `Name <email>`
    table.set(normalizeText(personText(member.user)), member.user.id)
  }
  return table
}
