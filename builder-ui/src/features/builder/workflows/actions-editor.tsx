import { PlusOutlined } from '@ant-design/icons'
import type { ActionDefinition, FormDefinition, JsonLogic } from '@tessera/schemas'
import { Button, Card, Dropdown, Flex, Input, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { JsonEditor } from '../common/json-editor.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'
import { ItemControls } from '../common/item-controls.js'
import { AssigneeEditor } from './assignee-editor.js'
import { CreateMapping } from './create-mapping.js'
import { ExpressionInput } from './expression-input.js'
import { NotifyChannelPicker } from './notify-channel.js'

type ActionType = ActionDefinition['type']
const TYPES: readonly ActionType[] = ['set', 'assign', 'create', 'notify', 'webhook']

function blank(
  type: ActionType,
  form: FormDefinition | undefined,
  forms: FormDefinition[],
): ActionDefinition {
  switch (type) {
    case 'set':
      return { type, field: form?.fields[0]?.key ?? '', value: null }
    case 'assign':
      return { type, to: { role: '' } }
    case 'create':
      return { type, form: forms.find((f) => f.key !== form?.key)?.key ?? '', map: {} }
    case 'notify':
      return { type, to: { role: '' }, message: '' }
    case 'webhook':
      return { type, url: 'https://' }
  }
}

/** A transition's actions, in order: set a field, assign, create a linked record, notify, webhook. */
export function ActionsEditor({
  value,
  onChange,
  form,
}: {
  value: ActionDefinition[]
  onChange: (actions: ActionDefinition[], coalesce?: string) => void
  form: FormDefinition | undefined
}) {
  const { t } = useT()
  const { draft } = useDraft()
  const set = (index: number, action: ActionDefinition, coalesce?: string) =>
    onChange(
      value.map((a, i) => (i === index ? action : a)),
      coalesce,
    )
  return (
    <Flex vertical gap={6} data-testid="builder-actions">
      {value.map((action, index) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: actions have no key; their order is their identity
          key={index}
          size="small"
          title={t(`builder.action.${action.type}`)}
          extra={
            <Flex gap={2}>
              <ItemControls items={value} index={index} onChange={onChange} />
            </Flex>
          }
        >
          <ActionBody
            action={action}
            form={form}
            onChange={(next, coalesce) => set(index, next, coalesce && `${coalesce}:${index}`)}
          />
        </Card>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: TYPES.map((type) => ({ key: type, label: t(`builder.action.${type}`) })),
          onClick: ({ key }) => onChange([...value, blank(key as ActionType, form, draft.forms)]),
        }}
      >
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          data-testid="builder-add-action"
        >
          {t('builder.action.add')}
        </Button>
      </Dropdown>
    </Flex>
  )
}

/** The form of one action (no card): shared with the automations' action list. */
export function ActionBody({
  action,
  onChange,
  form,
}: {
  action: ActionDefinition
  /** `coalesce` names the input being typed in, so keystrokes merge into one undo step */
  onChange: (action: ActionDefinition, coalesce?: string) => void
  form: FormDefinition | undefined
}) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const fields = form?.fields ?? []
  return (
    <>
      {action.type === 'set' && (
        <Flex vertical gap={4}>
          <Select
            size="small"
            aria-label={t('builder.action.field')}
            value={action.field || undefined}
            placeholder={t('builder.action.field')}
            onChange={(field) => onChange({ ...action, field })}
            options={fields.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          />
          <ExpressionInput
            value={action.value}
            onChange={(v) => onChange({ ...action, value: v ?? null }, 'set-value')}
            sources={fields}
            target={fields.find((f) => f.key === action.field)}
          />
        </Flex>
      )}
      {action.type === 'assign' && (
        <AssigneeEditor form={form} value={action.to} onChange={(to) => to && onChange({ ...action, to })} />
      )}
      {action.type === 'create' && (
        <Flex vertical gap={4}>
          <Select
            size="small"
            aria-label={t('builder.action.form')}
            placeholder={t('builder.action.form')}
            value={action.form || undefined}
            onChange={(f) => onChange({ ...action, form: f, map: {} })}
            options={draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))}
          />
          <span>{t('builder.action.map')}</span>
          <CreateMapping
            value={action.map}
            onChange={(map) => onChange({ ...action, map })}
            target={draft.forms.find((f) => f.key === action.form)}
            sources={fields}
          />
          <Select
            size="small"
            allowClear
            aria-label={t('builder.action.link')}
            placeholder={t('builder.action.link')}
            value={action.link}
            onChange={(link) => onChange({ ...action, link })}
            options={fields
              .filter((f) => f.type === 'relation' && f.target === action.form)
              .map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          />
        </Flex>
      )}
      {action.type === 'notify' && (
        <Flex vertical gap={4}>
          <NotifyChannelPicker action={action} onChange={onChange} />
          {action.channel !== 'robot' && (
            <AssigneeEditor
              form={form}
              value={action.to}
              onChange={(to) => to && onChange({ ...action, to })}
            />
          )}
          <LabelInput
            textarea
            name={t('builder.notify.message')}
            value={action.message}
            onChange={(message) => onChange({ ...action, message: message ?? '' }, 'notify')}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('builder.notify.placeholders', { example: `{${fields[0]?.key ?? 'name'}}` })}
          </Typography.Text>
        </Flex>
      )}
      {action.type === 'webhook' && (
        <Flex vertical gap={4}>
          <Input
            size="small"
            aria-label={t('builder.action.url')}
            addonBefore={t('builder.action.url')}
            value={action.url}
            status={/^https?:\/\/\S+$/.test(action.url) ? undefined : 'error'}
            onChange={(e) => onChange({ ...action, url: e.target.value }, 'webhook-url')}
          />
          <span>{t('builder.action.body')}</span>
          <JsonEditor
            value={action.body}
            rows={3}
            onApply={(body) =>
              onChange(
                body === undefined
                  ? { type: 'webhook', url: action.url }
                  : { ...action, body: body as JsonLogic },
              )
            }
          />
        </Flex>
      )}
    </>
  )
}
