import type { FormDefinition, Problem } from '@tessera/schemas'
import type { FormRefs } from '../form/form-types.js'
import { formatSerial } from '../form/serial-format.js'
import { memoized, type OpContext } from './engine-context.js'
import { errors, labelText, problem } from './engine-errors.js'

/** References only the database can confirm, checked inside the operation's transaction. */
export async function checkRefs(ctx: OpContext, refs: FormRefs, actorId: string | null): Promise<void> {
  const problems: Problem[] = []
  for (const r of refs.relations) {
    const found = await ctx.records.existing(ctx.app.key, r.target, r.ids)
    for (const [i, id] of r.ids.entries())
      if (!found.has(id))
        problems.push(
          problem(
            r.ids.length > 1 ? `${r.path}/${i}` : r.path,
            'reference_missing',
            `no ${r.target} record ${id}`,
            `${r.target} 中没有记录 ${id}`,
          ),
        )
  }
  if (refs.users.length > 0) {
    const list = await memoized(ctx, `members:${ctx.app.key}`, () => ctx.identity.listMembers(ctx.app.key))
    const members = new Map(list.map((m) => [m.userId, m]))
    for (const u of refs.users)
      for (const [i, id] of u.ids.entries())
        if (!members.get(id)?.user.active)
          problems.push(
            problem(
              u.ids.length > 1 ? `${u.path}/${i}` : u.path,
              'user_unknown',
              `${id} is not an active member of this app`,
              `${id} 不是此应用的有效成员`,
            ),
          )
  }
  for (const f of refs.files) {
    const files = new Map((await ctx.files.getMany(f.ids)).map((x) => [x.id, x]))
    for (const [i, id] of f.ids.entries()) {
      const path = f.ids.length > 1 ? `${f.path}/${i}` : f.path
      const file = files.get(id)
      if (
        !file ||
        (file.owner !== null && actorId !== null && file.owner !== actorId) ||
        (file.app !== null && file.app !== ctx.app.key)
      )
        problems.push(problem(path, 'file_unknown', `file ${id} does not exist`, `文件 ${id} 不存在`))
      else if (file.status === 'pending')
        problems.push(problem(path, 'upload_pending', 'the upload is still in progress', '文件仍在上传中'))
      else if (file.status === 'failed')
        problems.push(problem(path, 'upload_failed', 'the upload failed, retry', '文件上传失败，请重试'))
      else if (f.maxSize !== undefined && file.size > f.maxSize)
        problems.push(
          problem(
            path,
            'file_too_large',
            `the file is larger than ${f.maxSize} bytes`,
            `文件超过 ${f.maxSize} 字节`,
          ),
        )
      else if (f.accept?.length && !f.accept.some((a) => acceptMatches(a, file.type, file.name)))
        problems.push(
          problem(
            path,
            'file_type',
            `files of type ${file.type} are not accepted`,
            `不接受 ${file.type} 类型的文件`,
          ),
        )
    }
  }
  if (problems.length > 0) throw errors.invalid(problems)
}

function acceptMatches(accept: string, type: string, name: string): boolean {
  const a = accept.trim().toLowerCase()
  if (a.startsWith('.')) return name.toLowerCase().endsWith(a)
  if (a.endsWith('/*')) return type.toLowerCase().startsWith(a.slice(0, -1))
  return type.toLowerCase() === a
}

/**
 * Claims the unique values of a record and lets go of the ones it no longer has. The primary key of
 * `unique_value` decides a race: of two concurrent claims, the second fails after the first commits.
 */
export async function syncUnique(
  ctx: OpContext,
  form: FormDefinition,
  recordId: string,
  unique: FormRefs['unique'],
  /** a record written just now holds no values yet, so there are none to let go */
  fresh = false,
): Promise<void> {
  const uniqueFields = form.fields.filter((f) => f.unique)
  for (const field of uniqueFields) {
    const next = unique.find((u) => u.field === field.key)
    if (!fresh) await ctx.counters.releaseUniqueExcept(recordId, field.key, next?.value ?? null)
    if (!next) continue
    const claimed = await ctx.counters.claimUnique(ctx.app.key, form.key, field.key, next.value, recordId)
    if (!claimed) {
      const holder = await ctx.counters.holder(ctx.app.key, form.key, field.key, next.value)
      if (holder !== recordId) throw errors.unique(field.key, labelText(field.label, field.key))
    }
  }
}

/** Assigns serial numbers from the row-locked counter of each field (create only). */
export async function assignSerials(
  ctx: OpContext,
  form: FormDefinition,
  keys: string[],
  data: Record<string, unknown>,
): Promise<void> {
  for (const key of keys) {
    const field = form.fields.find((f) => f.key === key)
    const n = await ctx.counters.nextSerial(ctx.app.key, form.key, key)
    data[key] = formatSerial(field?.format ?? '{000000}', n, ctx.now, ctx.timeZone)
  }
}

const SEARCHABLE = new Set([
  'text',
  'textarea',
  'email',
  'phone',
  'url',
  'serial',
  'select',
  'radio',
  'address',
])

/** The text `q` searches (pg_trgm over this column): the record's text-like values, lower-cased. */
export function searchText(form: FormDefinition, data: Record<string, unknown>): string {
  const parts: string[] = []
  for (const f of form.fields) {
    if (!SEARCHABLE.has(f.type)) continue
    const v = data[f.key]
    if (typeof v === 'string') parts.push(v)
    else if (v && typeof v === 'object')
      parts.push(
        Object.values(v)
          .filter((x) => typeof x === 'string')
          .join(' '),
      )
  }
  return parts.join(' \u2022 ').toLowerCase().slice(0, 10_000)
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Field diff `field -> [before, after]`; an absent value is `null`. */
export function diffData(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {}
  // a value only one side has differs (JSON data always stringifies): no need to compare it
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (
      before[key] === undefined || after[key] === undefined
        ? before[key] !== after[key]
        : !same(before[key], after[key])
    )
      diff[key] = [before[key] ?? null, after[key] ?? null]
  return diff
}
