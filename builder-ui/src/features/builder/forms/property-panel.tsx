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
    if (field) return <FieldProperties key={field.key} form={form} field={field} />
  }
  if (selection.kind === 'section' && selection.form === form.key && form.layout?.[selection.index]) {
    return <SectionProperties form={form} index={selection.index} />
  }
  return <FormSettings form={form} />
}
