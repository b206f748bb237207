import { type FieldDefinition, type FormDefinition, logicVars } from '@tessera/schemas'

/**
 * The dialog's fields: those the transition requires, then those that become required by what is
 * chosen in them (a return's note when the reason is "other"), shown only while they are.
 */
export function dialogFields(form: FormDefinition, requires: readonly string[]): FieldDefinition[] {
  const asked = form.fields
    .filter((f) => requires.includes(f.key))
    .map((f) => ({ ...f, required: true, visibleWhen: undefined, readOnly: false }))
  const dependent = form.fields
    .filter(
      (f) =>
        !requires.includes(f.key) &&
        f.requiredWhen !== undefined &&
        logicVars(f.requiredWhen).some((k) => requires.includes(k)),
    )
    .map((f) => ({ ...f, required: false, visibleWhen: f.requiredWhen, readOnly: false }))
  return [...asked, ...dependent]
}
