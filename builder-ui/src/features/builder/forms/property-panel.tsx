import type { FormDefinition } from '@tessera/schemas'
import { useSelection } from '../draft/selection-context.js'
import { FieldProperties } from './field-properties.js'
import { FormSettings } from './form-settings.js'
import { SectionProperties } from './section-properties.js'

/** The right pane: what is selected on the canvas, or the form itself. */
export function PropertyPanel({ form }: { form: FormDefinition }) {
  const { selection } = useSelection()
  if (selection.kind === 'field' && selection.form === form.key) {
    const field = form.fields.find((f) => f.key === selection.field)
    // No React key per field: a label edit may rename the key, and remounting would drop the focus mid-typing.
    if (field) return <FieldProperties form={form} field={field} />
  }
  if (selection.kind === 'section' && selection.form === form.key && form.layout?.[selection.index]) {
    return <SectionProperties form={form} index={selection.index} />
  }
  return <FormSettings form={form} />
}
