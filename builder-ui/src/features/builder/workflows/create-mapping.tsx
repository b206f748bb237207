import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { FieldDefinition, FormDefinition, JsonLogic } from '@tessera/schemas'
import { Button, Flex, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ExpressionInput } from './expression-input.js'

/** The field mapping of a create action: each field of the new record and the value it gets. */
export function CreateMapping({
  value,
  onChange,
  target,
  sources,
}: {
  value: Record<string, JsonLogic>
  onChange: (map: Record<string, JsonLogic>) => void
  target: FormDefinition | undefined
  sources: FieldDefinition[]
}) {
  const { t, label } = useT()
  const entries = Object.entries(value)
  const unused = (target?.fields ?? []).filter((f) => !(f.key in value))
  const replace = (index: number, entry: [string, JsonLogic] | null) =>
    onChange(
      Object.fromEntries(
        entry === null
          ? entries.filter((_, i) => i !== index)
          : entries.map((e, i) => (i === index ? entry : e)),
      ),
    )
  return (
    <Flex vertical gap={4} data-testid="builder-create-map">
      {entries.map(([field, expression], index) => {
        const targetField = target?.fields.find((f) => f.key === field)
        return (
          <Flex key={field} gap={4} align="start">
            <Select
              size="small"
              style={{ width: 130 }}
              aria-label={t('builder.action.mapTarget')}
              value={field}
              onChange={(key) => replace(index, [key, expression])}
              options={[...(targetField ? [targetField] : []), ...unused].map((f) => ({
                value: f.key,
                label: label(f.label, f.key),
              }))}
            />
            <ExpressionInput
              value={expression}
              onChange={(v) => replace(index, [field, v ?? null])}
              sources={sources}
              target={targetField}
            />
            <Button
              size="small"
              type="text"
              danger
              aria-label={t('builder.common.remove')}
              icon={<DeleteOutlined />}
              onClick={() => replace(index, null)}
            />
          </Flex>
        )
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        style={{ alignSelf: 'flex-start' }}
        disabled={unused.length === 0}
        onClick={() => {
          const next = unused[0]
          if (!next) return
          // Same key on both sides is the usual mapping (a lead's email into the contact's email).
          const same = sources.find((s) => s.key === next.key)
          onChange({ ...value, [next.key]: same ? { var: same.key } : null })
        }}
      >
        {t('builder.action.addMapping')}
      </Button>
    </Flex>
  )
}
