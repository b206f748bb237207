import type { AutomationDefinition } from '@tessera/schemas'
import { Card, Flex, Form } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'
import { AutomationActionsEditor } from './automation-actions-editor.js'
import { triggerForm } from './automation-list.js'
import { TriggerEditor } from './trigger-editor.js'

/** One automation: key and label, its trigger, the condition, the actions. */
export function AutomationEditor({
  value,
  onChange,
  taken,
}: {
  value: AutomationDefinition
  onChange: (next: AutomationDefinition, coalesce?: string) => void
  /** the other automations' keys */
  taken: readonly string[]
}) {
  const { t } = useT()
  const { draft, published } = useDraft()
  const formKey = triggerForm(draft, value.trigger)
  const form = draft.forms.find((f) => f.key === formKey)
  // A published automation's key names its runs in the log; renaming it would orphan them.
  const locked = !!published?.automations?.some((a) => a.key === value.key)
  const id = (part: string) => `automation-${value.key}-${part}`
  return (
    <Flex vertical gap={12} data-testid="builder-automation-editor">
      <Card size="small" title={t('builder.automation.basics')}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('builder.automation.key')} htmlFor={id('key')}>
            <KeyInput
              id={id('key')}
              value={value.key}
              locked={locked}
              taken={taken}
              onCommit={(key) => onChange({ ...value, key })}
            />
          </Form.Item>
          <Form.Item label={t('builder.automation.label')}>
            <LabelInput
              name={t('builder.automation.label')}
              value={value.label}
              onChange={(label) => {
                const { label: _old, ...rest } = value
                onChange(label === undefined ? rest : { ...rest, label }, `${value.key}:label`)
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" title={t('builder.automation.trigger')}>
        <TriggerEditor
          value={value.trigger}
          automationKey={value.key}
          onChange={(trigger, coalesce) =>
            onChange({ ...value, trigger }, coalesce && `${value.key}:trigger:${coalesce}`)
          }
        />
      </Card>
      <Card size="small" title={t('builder.automation.condition')}>
        <ConditionEditor
          id={id('condition')}
          value={value.condition}
          fields={form?.fields ?? []}
          onChange={(condition) => {
            const { condition: _old, ...rest } = value
            onChange(condition === undefined ? rest : { ...rest, condition })
          }}
        />
      </Card>
      <Card size="small" title={t('builder.automation.actions')}>
        <AutomationActionsEditor
          value={value.actions}
          form={form}
          onChange={(actions, coalesce) =>
            onChange({ ...value, actions }, coalesce && `${value.key}:actions:${coalesce}`)
          }
        />
      </Card>
    </Flex>
  )
}
