import type { Actor, Engine, ListQuery, RecordView } from '@tessera/runtime'

/** Every record matching a query, page by page (the engine caps a page). */
export async function listAll(
  engine: Engine,
  app: string,
  form: string,
  query: ListQuery,
  actor: Actor,
): Promise<RecordView[]> {
  const out: RecordView[] = []
  let cursor: string | undefined
  do {
    const page = await engine.list(app, form, { ...query, limit: 500, ...(cursor ? { cursor } : {}) }, actor)
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

/** How many records match, without reading them. */
export async function countOf(
  engine: Engine,
  app: string,
  form: string,
  filter: Record<string, unknown>,
  actor: Actor,
): Promise<number> {
  return (await engine.list(app, form, { filter, limit: 1, exactTotal: true }, actor)).total
}
