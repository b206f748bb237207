import { childPointer } from '../problems.js'
import { type CheckContext, type FormEntry, unknownFormMessage } from './check-context.js'
import { resolveField, unknownFieldMessage, unknownStateMessage } from './logic-checks.js'

/** The form a view or widget names, reported when it does not exist. */
export function formOf(ctx: CheckContext, key: string, path: string): FormEntry | undefined {
  const form = ctx.forms.get(key)
  if (!form) ctx.report(path, 'unknown_form', unknownFormMessage(ctx, key))
  return form
}

/** Views and widgets may name system columns (state, owner, created_at, ...) as well as fields. */
export function checkColumn(ctx: CheckContext, form: FormEntry, key: string, path: string) {
  if (!resolveField({ fields: form.fields }, key))
    ctx.report(path, 'unknown_field', unknownFieldMessage(key, { fields: form.fields }))
}

export function checkFilter(
  ctx: CheckContext,
  form: FormEntry,
  filter: Record<string, unknown> | undefined,
  path: string,
) {
  for (const key of Object.keys(filter ?? {})) checkColumn(ctx, form, key, childPointer(path, key))
  const states = ctx.statesOf(form.form.key)
  const state = filter?.state
  if (!states || state === undefined || form.fields.has('state')) return
  // `{"state": "new"}`, `{"state": {"in": ["new"]}}`, `{"state": {"ne": "lost"}}`: every named state exists
  const named: [unknown, string][] =
    state !== null && typeof state === 'object'
      ? Object.entries(state).flatMap(([op, v]): [unknown, string][] =>
          Array.isArray(v)
            ? v.map((s, i) => [s, childPointer(path, 'state', op, i)])
            : [[v, childPointer(path, 'state', op)]],
        )
      : [[state, childPointer(path, 'state')]]
  for (const [value, at] of named)
    if (typeof value === 'string' && !states.includes(value))
      ctx.report(at, 'unknown_state', unknownStateMessage(value, states))
}
