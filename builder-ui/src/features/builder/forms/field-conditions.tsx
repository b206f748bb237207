import { type FieldDefinition, type FormDefinition, isLinkedField } from '@tessera/schemas'
import { Form } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useFieldEdit } from './use-field-edit.js'

/** visibleWhen and requiredWhen, over the form's other fields. */
export function FieldConditions({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t } = useT()
  const update = useFieldEdit(form, field)
  // a lookup or rollup is computed when read, so no condition may test it (linked_field_in_logic)
  const others = form.fields.filter((f) => f.key !== field.key && !isLinkedField(f))
  return (
    <Form layout="vertical" size="small">
      <Form.Item label={t('builder.field.visibleWhen')}>
        <ConditionEditor
          id="builder-visible-when"
          fields={others}
          value={field.visibleWhen}
          onChange={(visibleWhen) => update({ visibleWhen })}
        />
      </Form.Item>
      {!isLinkedField(field) && (
        <Form.Item label={t('builder.field.requiredWhen')}>
          <ConditionEditor
            id="builder-required-when"
            fields={others}
            value={field.requiredWhen}
            onChange={(requiredWhen) => update({ requiredWhen })}
          />
        </Form.Item>
      )}
    </Form>
  )
}
