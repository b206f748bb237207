import type { Actor, Engine, RecordView } from '@tessera/runtime'

/**
 * One text per record id of one form, read through the engine as `actor` (so their row rules and
 * hidden fields hold), 500 ids a query. An id they may not read, or whose record has no text, maps
 * to itself.
 */
export async function textsById(
  engine: Engine,
  app: string,
  form: string,
  ids: Iterable<string>,
  actor: Actor,
  textOf: (record: RecordView) => string | undefined,
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const wanted = [...new Set(ids)]
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500)
    const page = await engine.list(app, form, { filter: { id: { in: chunk } }, limit: chunk.length }, actor)
    for (const r of page.items) {
      const text = textOf(r)
      if (text !== undefined) out.set(r.id, text)
    }
    for (const id of chunk) if (!out.has(id)) out.set(id, id)
  }
  return out
}
