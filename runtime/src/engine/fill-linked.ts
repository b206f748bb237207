import { type FormDefinition, isLinkedField } from '@tessera/schemas'
import { readLinkedData } from '../store/linked-fields-sql.js'
import type { OpContext } from './engine-context.js'

/**
 * Data linkage (`fill` on a relation field): a request that chooses a record (on create, or a changed
 * value on update) takes the mapped fields from it, for each mapped field the request leaves out and
 * the actor may write. A value the request sends wins (a negotiated price); a chosen record without
 * the value clears the field, so nothing of a previous choice lingers. Ids that are no record of the
 * target are left alone here: the reference check rejects them.
 */
export async function fillFromRelations(
  ctx: OpContext,
  form: FormDefinition,
  submitted: unknown,
  existing: Record<string, unknown> | undefined,
  writable: (key: string) => boolean,
): Promise<unknown> {
  // not an object: prepare() says so
  if (submitted === null || typeof submitted !== 'object' || Array.isArray(submitted)) return submitted
  const input = submitted as Record<string, unknown>
  let out = input
  for (const relation of form.fields) {
    if (relation.type !== 'relation' || !relation.fill || relation.multiple) continue
    if (!Object.hasOwn(input, relation.key)) continue
    const chosen = input[relation.key]
    if (typeof chosen !== 'string' || chosen === existing?.[relation.key]) continue
    const row = await ctx.records.find(chosen)
    if (!row || row.app !== ctx.app.key || row.form !== relation.target || row.is_draft) continue
    const target = ctx.app.form(row.form)
    const needsLinked = target?.fields.some(
      (f) => isLinkedField(f) && Object.values(relation.fill ?? {}).includes(f.key),
    )
    const data =
      (needsLinked && target
        ? await readLinkedData(ctx.db, ctx.app.definition, target, row.id)
        : undefined) ?? (row.data as Record<string, unknown>)
    for (const [into, from] of Object.entries(relation.fill)) {
      if (Object.hasOwn(input, into) || !writable(into)) continue
      if (out === input) out = { ...input }
      out[into] = data[from] ?? null
    }
  }
  return out
}
