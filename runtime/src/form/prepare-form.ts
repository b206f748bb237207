import {
  type EvaluateContext,
  type FieldDefinition,
  type FormRule,
  conditionHolds,
  isEmptyValue,
} from '@tessera/schemas'
import { collectRefs, emptyRefs, uniqueValue } from './collect-refs.js'
import { type CompiledLevel, isComputed } from './compile-level.js'
import type { PrepareContext, PrepareResult } from './form-types.js'
import { labelOf } from './messages.js'
import { pointerSegment } from './normalize-value.js'
import { isPlainObject, prepareLevel, problemAt } from './prepare-level.js'

// Key order is not meaning: jsonb hands objects back with its own key order.
const canonical = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonical)
  if (typeof v !== 'object' || v === null) return v
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
  )
}
const same = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null))

// each field's place by its pointer (`/email` -> 3), worked out once per compiled form
const orders = new WeakMap<CompiledLevel, Map<string, number>>()
const fieldOrder = (root: CompiledLevel): Map<string, number> => {
  let order = orders.get(root)
  if (!order) {
    order = new Map(root.fields.map((f, i) => [`/${pointerSegment(f.key)}`, i]))
    orders.set(root, order)
  }
  return order
}

/**
 * prepare() of a compiled form. Update (and resuming a draft) merges the input over the stored
 * data and validates the merged whole; writability is checked only for keys the actor sent with a
 * value that differs from the stored one (a client may send back what it was shown).
 */
export function prepareForm(
  root: CompiledLevel,
  input: unknown,
  ctx: PrepareContext,
  rules: readonly FormRule[] = [],
): PrepareResult {
  if (!isPlainObject(input)) {
    return {
      ok: false,
      data: {},
      errors: [problemAt('/', 'not_an_object', { 'zh-CN': '', en: '' })],
      refs: emptyRefs(),
    }
  }
  const existing = ctx.mode === 'create' ? undefined : ctx.existing
  const fieldOf = (key: string): FieldDefinition | undefined => root.rules.get(key)?.def
  const merged: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(existing ?? {})) {
    const f = fieldOf(key)
    // A stored key the form no longer has (an older version's field) is not the actor's mistake.
    if (f && !isComputed(f)) merged[key] = v
  }
  for (const [key, v] of Object.entries(input)) {
    const f = fieldOf(key)
    if (!f || !isComputed(f)) merged[key] = v
  }
  const kept = existing || ctx.serverValues ? { ...existing, ...ctx.serverValues } : undefined
  for (const [key, v] of Object.entries(ctx.serverValues ?? {})) {
    const f = fieldOf(key)
    if (f && !isComputed(f)) merged[key] = v
  }

  const evalCtx: EvaluateContext = {
    ...(ctx.now ? { now: ctx.now } : {}),
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  }
  const level = prepareLevel(root, merged, {
    prefix: '',
    evalCtx,
    applyDefaults: ctx.mode === 'create' || (ctx.mode === 'draft' && existing === undefined),
    checkRequired: ctx.mode !== 'draft',
    requireExtra: new Set(ctx.required ?? []),
    ...(kept ? { kept } : {}),
  })
  let errors = level.problems
  const data = level.data

  if (ctx.writable) {
    for (const [key, v] of Object.entries(input)) {
      const f = fieldOf(key)
      if (!f || isComputed(f) || level.hidden.has(key) || ctx.writable(key)) continue
      const unchanged = existing
        ? same(existing[key], data[key]) || (isEmptyValue(v) && existing[key] === undefined)
        : isEmptyValue(v)
      if (unchanged) continue
      const path = `/${pointerSegment(key)}`
      errors = errors.filter((p) => p.path !== path && !p.path.startsWith(`${path}/`))
      errors.push(problemAt(path, 'readonly', root.labels.get(key)!))
      if (existing?.[key] !== undefined) data[key] = existing[key]
      else delete data[key]
    }
  }

  // problems in field order (readonly ones were added last); unknown keys stay first
  if (errors.length > 1) {
    const order = fieldOrder(root)
    const rank = (path: string) => order.get(/^\/[^/]*/.exec(path)?.[0] ?? '') ?? -1
    errors.sort((a, b) => rank(a.path) - rank(b.path))
  }

  // Form rules read valid values only: they run once every field is fine (not in drafts), and the
  // first that fails is the one problem reported.
  if (errors.length === 0 && ctx.mode !== 'draft') {
    const failed = rules.find((r) => !conditionHolds(r.check, data, evalCtx, false))
    if (failed) {
      const path = failed.field === undefined ? '/' : `/${pointerSegment(failed.field)}`
      errors.push(problemAt(path, 'rule', labelOf(failed.message, failed.key)))
    }
  }

  const refs = emptyRefs()
  collectRefs(root, data, refs, (key) => !existing || !same(existing[key], data[key]))
  for (const f of root.fields) {
    if (f.unique && data[f.key] !== undefined)
      refs.unique.push({ field: f.key, value: uniqueValue(f, data[f.key]) })
    // an imported record may bring its serial from the old system
    if (f.type === 'serial' && ctx.mode === 'create' && data[f.key] === undefined) refs.serials.push(f.key)
  }
  return { ok: errors.length === 0, data, errors, refs }
}
