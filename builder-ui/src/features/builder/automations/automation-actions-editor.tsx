import { PlusOutlined } from '@ant-design/icons'
import type {
  ActionDefinition,
  AppDefinition,
  AutomationAction,
  AutomationActionType,
  FormDefinition,
} from '@tessera/schemas'
import { Button, Card, Dropdown, Flex, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'
import { ItemControls } from '../common/item-controls.js'
import { ActionBody } from '../workflows/actions-editor.js'
import { CreateMapping } from '../workflows/create-mapping.js'

const TYPES: readonly AutomationActionType[] = ['set', 'create', 'update', 'transition', 'notify', 'webhook']

function blank(
  type: AutomationActionType,
  form: FormDefinition | undefined,
  draft: AppDefinition,
): AutomationAction {
  switch (type) {
    case 'set':
      return { type, field: form?.fields[0]?.key ?? '', value: null }
    case 'create':
      return { type, form: draft.forms.find((f) => f.key !== form?.key)?.key ?? '', map: {} }
    case 'notify':
      return { type, to: { role: draft.roles[0]?.key ?? '' }, message: '' }
    case 'webhook':
      return { type, url: 'https://' }
    case 'update':
      return { type, form: form?.key ?? draft.forms[0]?.key ?? '', set: {} }
    case 'transition': {
      const wf = (draft.workflows ?? []).find((w) => w.form === form?.key)
      return { type, transition: wf?.transitions[0]?.key ?? '' }
    }
  }
}

/** An automation's actions in order; `form` is the trigger's form (what `{"var"}` reads). */
export function AutomationActionsEditor({
  value,
  onChange,
  form,
}: {
  value: AutomationAction[]
  onChange: (actions: AutomationAction[], coalesce?: string) => void
  form: FormDefinition | undefined
}) {
  const { t } = useT()
  const { draft } = useDraft()
  const set = (index: number, action: AutomationAction, coalesce?: string) =>
    onChange(
      value.map((a, i) => (i === index ? action : a)),
      coalesce && `${coalesce}:${index}`,
    )
  return (
    <Flex vertical gap={6} data-testid="builder-automation-actions">
      {value.map((action, index) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: actions have no key; their order is their identity
          key={index}
          size="small"
          title={t(`builder.automation.action.${action.type}`)}
          extra={
            <Flex gap={2}>
              <ItemControls items={value} index={index} onChange={onChange} />
            </Flex>
          }
        >
          {action.type === 'update' ? (
            <UpdateBody action={action} onChange={(next, c) => set(index, next, c)} />
          ) : action.type === 'transition' ? (
            <TransitionBody action={action} form={form} onChange={(next) => set(index, next)} />
          ) : (
            <ActionBody
              action={action as ActionDefinition}
              form={form}
              // ActionBody spreads the action it edits, so a notify's summary (not shown there) survives
              onChange={(next, coalesce) => set(index, next as AutomationAction, coalesce)}
            />
          )}
        </Card>
      ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: TYPES.map((type) => ({ key: type, label: t(`builder.automation.action.${type}`) })),
          onClick: ({ key }) => onChange([...value, blank(key as AutomationActionType, form, draft)]),
        }}
      >
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          data-testid="builder-add-automation-action"
        >
          {t('builder.action.add')}
        </Button>
      </Dropdown>
    </Flex>
  )
}

type UpdateAction = Extract<AutomationAction, { type: 'update' }>
type TransitionAction = Extract<AutomationAction, { type: 'transition' }>

/** Update records: the form, which of its records (a condition over them), and what each gets. */
function UpdateBody({
  action,
  onChange,
}: {
  action: UpdateAction
  onChange: (action: UpdateAction, coalesce?: string) => void
}) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const target = draft.forms.find((f) => f.key === action.form)
  return (
    <Flex vertical gap={4}>
      <Select
        size="small"
        aria-label={t('builder.automation.update.form')}
        placeholder={t('builder.automation.update.form')}
        value={action.form || undefined}
        onChange={(f: string) => onChange({ type: 'update', form: f, set: {} })}
        options={draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))}
      />
      <span>{t('builder.automation.update.where')}</span>
      <ConditionEditor
        value={action.where}
        fields={target?.fields ?? []}
        onChange={(where) => {
          const { where: _old, ...rest } = action
          onChange(where === undefined ? rest : { ...rest, where })
        }}
      />
      <span>{t('builder.automation.update.set')}</span>
      <CreateMapping
        value={action.set}
        onChange={(map) => onChange({ ...action, set: map }, 'update-set')}
        target={target}
        sources={target?.fields ?? []}
      />
    </Flex>
  )
}

/** Fire a transition on the record a relation field points at, or on the triggering record. */
function TransitionBody({
  action,
  form,
  onChange,
}: {
  action: TransitionAction
  form: FormDefinition | undefined
  onChange: (action: TransitionAction) => void
}) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const relations = (form?.fields ?? []).filter((f) => f.type === 'relation')
  const via = recordField(action)
  const targetForm = via ? relations.find((f) => f.key === via)?.target : form?.key
  const transitions = (draft.workflows ?? [])
    .filter((wf) => wf.form === targetForm)
    .flatMap((wf) => wf.transitions.map((tr) => ({ value: tr.key, label: label(tr.label, tr.key) })))
  return (
    <Flex vertical gap={4}>
      <Select
        size="small"
        allowClear
        aria-label={t('builder.automation.transition.record')}
        placeholder={t('builder.automation.transition.self')}
        value={via}
        onChange={(field: string | undefined) =>
          onChange(
            field
              ? { type: 'transition', record: { var: field }, transition: '' }
              : { type: 'transition', transition: '' },
          )
        }
        options={relations.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
      />
      <Select
        size="small"
        aria-label={t('builder.automation.transition.transition')}
        placeholder={t('builder.automation.transition.transition')}
        value={action.transition || undefined}
        onChange={(transition: string) => onChange({ ...action, transition })}
        options={transitions}
      />
    </Flex>
  )
}

/** The relation field `record` reads (`{"var": "account"}`), if it is that simple. */
function recordField(action: TransitionAction): string | undefined {
  const r = action.record
  if (r && typeof r === 'object' && !Array.isArray(r) && 'var' in r && typeof r.var === 'string') return r.var
  return undefined
}
