import type { FieldDefinition, FormDefinition, WorkflowDefinition } from '@tessera/schemas'

// An anonymous visitor can neither pick members or records nor upload files, and computed fields are
// the server's: these never appear on a public form.
const PRIVATE_TYPES = new Set(['user', 'relation', 'formula', 'serial', 'file', 'image', 'lookup', 'rollup'])

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

const publicTest = (workflow: WorkflowDefinition | undefined) => {
  const hidden = notFilledAtStart(workflow)
  return (field: FieldDefinition) =>
    !field.readOnly && !PRIVATE_TYPES.has(field.type) && !hidden.has(field.key)
}

/** The form as a public link shows it: its public fields only, the layout trimmed to match. */
export function publicFormView(
  form: FormDefinition,
  workflow?: WorkflowDefinition,
): Omit<FormDefinition, 'permissions'> {
  const { permissions: _permissions, ...rest } = form
  const fields = form.fields.filter(publicTest(workflow))
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

/** Keys of a public submission that its form does not show. */
export function nonPublicKeys(
  form: FormDefinition,
  data: Record<string, unknown>,
  workflow?: WorkflowDefinition,
): string[] {
  const keys = new Set(form.fields.filter(publicTest(workflow)).map((f) => f.key))
  return Object.keys(data).filter((k) => !keys.has(k))
}
