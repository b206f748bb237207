import { ReloadOutlined } from '@ant-design/icons'
import type { AutomationTrigger, AutomationTriggerKind } from '@tessera/schemas'
import { Button, Flex, Input, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'
import { blankTrigger, generateSecret, TRIGGER_KINDS } from './automation-list.js'
import { CronBuilder } from './cron-builder.js'

/** The URL an outside system POSTs to, with the secret in `x-tessera-secret`. */
export const webhookUrl = (origin: string, app: string, key: string) =>
  `${origin}/api/apps/${encodeURIComponent(app)}/automations/${encodeURIComponent(key)}/webhook`

/** What starts an automation: the kind first, then the form, fields, workflow and state, schedule or secret. */
export function TriggerEditor({
  value,
  onChange,
  automationKey,
}: {
  value: AutomationTrigger
  onChange: (trigger: AutomationTrigger, coalesce?: string) => void
  automationKey: string
}) {
  const { t, label } = useT()
  const { app, draft } = useDraft()
  const formOptions = draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))
  const workflows = draft.workflows ?? []
  return (
    <Flex vertical gap={6} data-testid="builder-trigger">
      <Select
        aria-label={t('builder.automation.trigger.kind')}
        value={value.on}
        onChange={(kind: AutomationTriggerKind) => onChange(blankTrigger(kind, draft))}
        options={TRIGGER_KINDS.map((kind) => ({
          value: kind,
          label: t(`builder.automation.trigger.${kind}`),
        }))}
        data-testid="builder-trigger-kind"
      />
      {(value.on === 'created' || value.on === 'changed') && (
        <Select
          aria-label={t('builder.automation.trigger.form')}
          placeholder={t('builder.automation.trigger.form')}
          value={value.form || undefined}
          onChange={(form: string) =>
            onChange(value.on === 'changed' ? { on: 'changed', form } : { on: 'created', form })
          }
          options={formOptions}
          data-testid="builder-trigger-form"
        />
      )}
      {value.on === 'changed' && (
        <Select
          mode="multiple"
          allowClear
          aria-label={t('builder.automation.trigger.fields')}
          placeholder={t('builder.automation.trigger.anyField')}
          value={value.fields ?? []}
          onChange={(fields: string[]) =>
            onChange(fields.length ? { ...value, fields } : { on: 'changed', form: value.form })
          }
          options={(draft.forms.find((f) => f.key === value.form)?.fields ?? []).map((f) => ({
            value: f.key,
            label: label(f.label, f.key),
          }))}
        />
      )}
      {value.on === 'entered' && (
        <Flex gap={6}>
          <Select
            style={{ flex: 1 }}
            aria-label={t('builder.automation.trigger.workflow')}
            placeholder={t('builder.automation.trigger.workflow')}
            value={value.workflow || undefined}
            onChange={(workflow: string) =>
              onChange({
                on: 'entered',
                workflow,
                state: workflows.find((wf) => wf.key === workflow)?.states[0]?.key ?? '',
              })
            }
            options={workflows.map((wf) => ({ value: wf.key, label: label(wf.label, wf.key) }))}
          />
          <Select
            style={{ flex: 1 }}
            aria-label={t('builder.automation.trigger.state')}
            placeholder={t('builder.automation.trigger.state')}
            value={value.state || undefined}
            onChange={(state: string) => onChange({ ...value, state })}
            options={(workflows.find((wf) => wf.key === value.workflow)?.states ?? []).map((s) => ({
              value: s.key,
              label: label(s.label, s.key),
            }))}
          />
        </Flex>
      )}
      {value.on === 'schedule' && (
        <>
          <CronBuilder
            value={value.cron}
            zone={draft.timeZone ?? 'UTC'}
            onChange={(cron, coalesce) => onChange({ ...value, cron }, coalesce)}
          />
          <Select
            allowClear
            aria-label={t('builder.automation.trigger.each')}
            placeholder={t('builder.automation.trigger.each')}
            value={value.each?.form}
            onChange={(form: string | undefined) =>
              onChange(form ? { ...value, each: { form } } : { on: 'schedule', cron: value.cron })
            }
            options={formOptions}
          />
          {value.each && (
            <ConditionEditor
              value={value.each.where}
              fields={draft.forms.find((f) => f.key === value.each?.form)?.fields ?? []}
              onChange={(where) => {
                const { where: _old, ...each } = value.each ?? { form: '' }
                onChange({ ...value, each: where === undefined ? each : { ...each, where } })
              }}
            />
          )}
        </>
      )}
      {value.on === 'webhook' && (
        <>
          <Flex gap={4} data-testid="builder-webhook-secret">
            <Input.Password
              aria-label={t('builder.automation.trigger.secret')}
              addonBefore={t('builder.automation.trigger.secret')}
              value={value.secret}
              status={value.secret.length >= 16 ? undefined : 'error'}
              onChange={(e) => onChange({ on: 'webhook', secret: e.target.value }, 'secret')}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => onChange({ on: 'webhook', secret: generateSecret() })}
              data-testid="builder-webhook-generate"
            >
              {t('builder.automation.trigger.generate')}
            </Button>
          </Flex>
          <Typography.Text type="secondary">{t('builder.automation.trigger.webhookHelp')}</Typography.Text>
          <Typography.Text copyable code data-testid="builder-webhook-url">
            {webhookUrl(window.location.origin, app, automationKey)}
          </Typography.Text>
        </>
      )}
    </Flex>
  )
}
