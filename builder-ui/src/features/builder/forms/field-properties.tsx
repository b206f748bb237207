import { CopyOutlined, DeleteOutlined } from '@ant-design/icons'
import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { Button, Flex, Space, Tabs, Tag, Tooltip, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { typeLabelKey } from '../common/type-label.js'
import { useDraftActions } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'
import { FieldBasics } from './field-basics.js'
import { FieldConditions } from './field-conditions.js'
import { FieldValidation } from './field-validation.js'
import { FillEditor } from './fill-editor.js'
import { LookupProperties, RollupProperties } from './linked-properties.js'

const CHOICES: ReadonlySet<string> = new Set(['select', 'multiselect', 'radio'])

/** The property panel of one field: basics, the type's own validation, and its conditions. */
export function FieldProperties({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t, label } = useT()
  const { dispatch } = useDraftActions()
  const { select } = useSelection()
  const duplicate = () => {
    const key = uniqueKey(
      `${field.key}_copy`,
      form.fields.map((f) => f.key),
    )
    dispatch({ type: 'field/duplicate', form: form.key, field: field.key, key })
    select({ kind: 'field', form: form.key, field: key })
  }
  const remove = () => {
    dispatch({ type: 'field/remove', form: form.key, field: field.key })
    select({ kind: 'form', form: form.key })
  }
  const basics = {
    key: 'basics',
    label: t('builder.field.basics'),
    children: <FieldBasics form={form} field={field} />,
  }
  const validation = {
    key: 'validation',
    // a choice field's options live here: the tab says so
    label: t(CHOICES.has(field.type) ? 'builder.field.optionsTab' : 'builder.field.validation'),
    children: <FieldValidation form={form} field={field} />,
  }
  const conditions = {
    key: 'conditions',
    label: t('builder.field.conditions'),
    children: <FieldConditions form={form} field={field} />,
  }
  const linked = (children: ReactNode) => ({ key: 'linked', label: t('builder.field.linked'), children })
  // a lookup or rollup is defined by what it links, and has no rules of its own to validate
  const tabs =
    field.type === 'lookup'
      ? [basics, linked(<LookupProperties form={form} field={field} />), conditions]
      : field.type === 'rollup'
        ? [basics, linked(<RollupProperties form={form} field={field} />), conditions]
        : field.type === 'relation'
          ? [basics, validation, linked(<FillEditor form={form} field={field} />), conditions]
          : [basics, validation, conditions]
  return (
    <Flex vertical gap={8} data-testid="builder-field-properties">
      <Flex justify="space-between" align="center">
        <Space>
          <Typography.Text strong>{label(field.label, field.key)}</Typography.Text>
          <Tag>{t(typeLabelKey(field.type))}</Tag>
        </Space>
        <Space size={2}>
          <Tooltip title={t('builder.field.duplicate')}>
            <Button
              size="small"
              aria-label={t('builder.field.duplicate')}
              icon={<CopyOutlined />}
              onClick={duplicate}
            />
          </Tooltip>
          <Tooltip title={t('builder.field.delete')}>
            <Button
              size="small"
              danger
              aria-label={t('builder.field.delete')}
              icon={<DeleteOutlined />}
              onClick={remove}
            />
          </Tooltip>
        </Space>
      </Flex>
      <Tabs size="small" items={tabs} />
    </Flex>
  )
}
