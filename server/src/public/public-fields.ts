import {
  type FieldDefinition,
  type FormDefinition,
  visitorFillable,
  type WorkflowDefinition,
} from '@tessera/schemas'

/**
 * Fields the form's first state lets no one fill in: one access for everyone that is `read` or
 * `hidden` (a per-role entry is about members; the link writes as the system). A visitor does not
 * get them either.
 */
function notFilledAtStart(workflow: WorkflowDefinition | undefined): Set<string> {
  const start = workflow?.states.find((s) => s.key === workflow.initial)
  const out = new Set<string>()
  for (const [key, p] of Object.entries(start?.fields ?? {})) if (p === 'hidden' || p === 'read') out.add(key)
  return out
}

/**
 * The fields a public link shows and accepts: the form's declared `publicFields` (the admin's
 * choice), else every field a visitor can fill in; never one closed in the first state.
 */
export function publicFields(form: FormDefinition, workflow?: WorkflowDefinition): FieldDefinition[] {
  const hidden = notFilledAtStart(workflow)
  const declared = form.publicFields ? new Set(form.publicFields) : undefined
  return form.fields.filter(
    (f) => visitorFillable(f) && !hidden.has(f.key) && (!declared || declared.has(f.key)),
  )
}

/** The form as a public link shows it: its public fields only, the layout trimmed to match. */
export function publicFormView(
  form: FormDefinition,
  workflow?: WorkflowDefinition,
): Omit<FormDefinition, 'permissions' | 'publicFields'> {
  const { permissions: _permissions, publicFields: _declared, ...rest } = form
  const fields = publicFields(form, workflow)
  const keys = new Set(fields.map((f) => f.key))
  const layout = form.layout
    ?.map((section) => ({ ...section, fields: section.fields.filter((k) => keys.has(k)) }))
    .filter((section) => section.fields.length > 0)
  // a rule shown on a field the visitor does not see is shown on the form instead
  const rules = form.rules?.map(({ field, ...rule }) =>
    field !== undefined && keys.has(field) ? { ...rule, field } : rule,
  )
  return { ...rest, fields, ...(layout ? { layout } : {}), ...(rules ? { rules } : {}) }
}

/** Keys of a public submission that its form does not show (refused by name, never stored). */
export function nonPublicKeys(
  form: FormDefinition,
  data: Record<string, unknown>,
  workflow?: WorkflowDefinition,
): string[] {
  const keys = new Set(publicFields(form, workflow).map((f) => f.key))
  return Object.keys(data).filter((k) => !keys.has(k))
}
