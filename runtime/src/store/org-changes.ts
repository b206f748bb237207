/**
 * A count of the writes to memberships and departments made in this process. Who a member is in an
 * app (roles, attributes, team, colleagues) is read from those tables, and the engine keeps it for
 * a moment (engine/membership-cache.ts); an entry read before the latest change is never answered.
 * A counter rather than subscribers: every store that writes them bumps it, whoever created it,
 * and no cache needs wiring to them. Other processes are bounded by the cache's time to live.
 */
let generation = 0

/** Call after a write to `membership`, `department` or `department_member` has committed. */
export const orgChanged = (): void => {
  generation++
}

export const orgGeneration = (): number => generation
