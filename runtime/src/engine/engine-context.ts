import type { Kysely } from 'kysely'
import type { Database } from '../store/database.js'
import { createAppStore } from '../store/app-store.js'
import { createCounterStore } from '../store/counter-store.js'
import { createDepartmentStore } from '../store/department-store.js'
import { createFileStore } from '../store/file-store.js'
import { createIdentityStore } from '../store/identity-store.js'
import { createRecordStore } from '../store/record-store.js'
import { createWorkStore } from '../store/work-store.js'
import type { Membership } from '../store/identity-store.js'
import type { LoadedApp } from './app-registry.js'
import type { ActorInApp } from './access.js'
import type { Actor } from './engine-types.js'
import type { MembershipCache } from './membership-cache.js'
import type { WriteBehind } from './write-behind.js'

/**
 * The stores over one database handle (the pool's, or a transaction's). They hold nothing but the
 * handle, so they are built once per handle and shared: a write's answer and every read of the
 * pool's handle reuse them instead of building about a hundred closures again. Frozen, since they
 * are shared; a context copies them with a spread.
 */
export function storesOf(db: Kysely<Database>): Stores {
  let stores = built.get(db)
  if (!stores) {
    stores = Object.freeze(buildStores(db))
    built.set(db, stores)
  }
  return stores
}
const built = new WeakMap<Kysely<Database>, Stores>()

function buildStores(db: Kysely<Database>) {
  return {
    db,
    apps: createAppStore(db),
    records: createRecordStore(db),
    work: createWorkStore(db),
    counters: createCounterStore(db),
    identity: createIdentityStore(db),
    departments: createDepartmentStore(db),
    files: createFileStore(db),
  }
}
export type Stores = Readonly<ReturnType<typeof buildStores>>

/** Everything one engine operation works with inside its transaction. */
export interface OpContext extends Stores {
  now: Date
  app: LoadedApp
  timeZone: string
  /** `outbox`: the operation wrote outbox messages, so delivery can start after commit (shared by sub-contexts) */
  flags: { outbox: boolean }
  /** record changes to announce after commit */
  changes: ChangeNotice[]
  /** lookups that cannot change within the transaction (who an actor is, the members), made once */
  memo?: Map<string, Promise<unknown>>
  /** sends the writes that wait (see write-behind.ts), before a read that goes around the stores */
  settle?: () => Promise<void>
  /** rows locked ahead of the operations that will lock them (see write-behind.ts `hold`) */
  hold?: WriteBehind['hold']
  /** the engine's short-lived cache of who actors are in apps and of apps' members (shared by every operation) */
  members?: MembersCache
}

/** What an actor's place in an app is read from: their membership, their team, their colleagues. */
export interface MemberFacts {
  membership: Membership | undefined
  team: string[]
  colleagues?: string[]
}
export type MembersCache = MembershipCache

/** Runs a lookup once per transaction when the context carries a memo. */
export function memoized<T>(
  ctx: { memo?: Map<string, Promise<unknown>> },
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!ctx.memo) return load()
  let hit = ctx.memo.get(key) as Promise<T> | undefined
  if (!hit) {
    hit = load()
    ctx.memo.set(key, hit)
  }
  return hit
}

export interface ChangeNotice {
  type: 'created' | 'updated' | 'transition' | 'decision' | 'imported' | 'migrated' | 'deleted'
  app: string
  form: string
  recordId: string
  version: number
  state: string | null
}

const usesDepartmentScope = (app: LoadedApp) =>
  app.definition.forms.some((f) =>
    Object.values(f.permissions ?? {}).some((p) => [p.read, p.edit, p.delete].includes('department')),
  )

/** Who the actor is in an app: roles from the membership; the admin and the system hold every role. */
export function actorInApp(
  stores: Stores & { memo?: Map<string, Promise<unknown>>; members?: MembersCache },
  app: LoadedApp,
  actor: Actor,
): Promise<ActorInApp> {
  const key = `who:${app.key}:${actor.userId}:${actor.isAdmin}:${actor.system === true}`
  return memoized(stores, key, () => loadActorInApp(stores, app, actor))
}

async function loadActorInApp(
  stores: Stores & { members?: MembersCache },
  app: LoadedApp,
  actor: Actor,
): Promise<ActorInApp> {
  const allRoles = app.definition.roles.map((r) => r.key)
  if (actor.system) return { actor, roles: allRoles, member: true, attributes: {}, team: [] }
  const userId = actor.userId
  if (!userId) return { actor, roles: [], member: false, attributes: {}, team: [] }
  // the tree is read only by apps that scope rows by department
  const departments = usesDepartmentScope(app)
  const read = async (): Promise<MemberFacts> => {
    const [found, colleagues] = await Promise.all([
      stores.identity.membershipAndTeam(app.key, userId),
      departments ? stores.departments.colleaguesOf(userId) : undefined,
    ])
    return colleagues ? { ...found, colleagues } : found
  }
  // read through this operation's transaction: a miss must not wait for a second pooled connection
  const {
    membership: mine,
    team,
    colleagues,
  } = stores.members
    ? await stores.members.resolve<MemberFacts>(
        `who\u0000${app.key}\u0000${userId}\u0000${departments}`,
        read,
      )
    : await read()
  return {
    actor,
    roles: actor.isAdmin ? allRoles : (mine?.roles ?? []),
    member: actor.isAdmin || mine !== undefined,
    attributes: mine?.attributes ?? {},
    team,
    ...(colleagues ? { colleagues } : {}),
  }
}
