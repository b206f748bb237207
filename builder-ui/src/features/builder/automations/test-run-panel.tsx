import type { AutomationDefinition } from '@tessera/schemas'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, Button, Flex, List, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { automationApi } from './automation-api.js'
import { triggerForm } from './automation-list.js'

const json = (value: unknown) => JSON.stringify(value, null, 2)

/**
 * A dry run against a chosen record of the trigger's form: whether the condition holds and what each
 * action would do. The server runs the published automation, so unpublished edits are not in it.
 */
export function TestRunPanel({ automation }: { automation: AutomationDefinition }) {
  const { t, label } = useT()
  const { app, draft, published } = useDraft()
  const form = triggerForm(draft, automation.trigger)
  const [search, setSearch] = useState('')
  const [recordId, setRecordId] = useState<string | null>(null)
  const records = useQuery({
    queryKey: ['automation-test-records', app, form, search],
    queryFn: () => automationApi.records(app, form ?? '', search),
    enabled: !!form,
  })
  const run = useMutation({ mutationFn: () => automationApi.test(app, automation.key, recordId) })
  const isPublished = !!published?.automations?.some((a) => a.key === automation.key)
  const titleField = draft.forms.find((f) => f.key === form)?.fields.find((f) => f.type === 'text')?.key
  return (
    <Flex vertical gap={8} data-testid="builder-automation-test">
      {!isPublished && <Alert type="info" showIcon message={t('builder.automation.test.unpublished')} />}
      {form && (
        <Select
          showSearch
          allowClear
          filterOption={false}
          aria-label={t('builder.automation.test.record')}
          placeholder={t('builder.automation.test.record')}
          loading={records.isFetching}
          value={recordId ?? undefined}
          onSearch={setSearch}
          onChange={(id: string | undefined) => setRecordId(id ?? null)}
          options={(records.data?.items ?? []).map((r) => ({
            value: r.id,
            label: `${String((titleField && r.data[titleField]) ?? r.id)}${r.state ? ` · ${r.state}` : ''}`,
          }))}
          data-testid="builder-automation-test-record"
        />
      )}
      <Button
        type="primary"
        style={{ alignSelf: 'flex-start' }}
        disabled={!isPublished || (!!form && !recordId && automation.trigger.on !== 'schedule')}
        loading={run.isPending}
        onClick={() => run.mutate()}
        data-testid="builder-automation-test-run"
      >
        {t('builder.automation.test.run')}
      </Button>
      {run.error && <Alert type="error" showIcon message={run.error.message} />}
      {run.data && (
        <Flex vertical gap={6} data-testid="builder-automation-test-result">
          <Typography.Text>
            {t('builder.automation.condition')}:{' '}
            <Tag color={run.data.condition ? 'success' : 'default'}>
              {run.data.condition
                ? t('builder.automation.test.conditionMet')
                : t('builder.automation.test.conditionNot')}
            </Tag>
          </Typography.Text>
          <List
            size="small"
            bordered
            dataSource={run.data.actions}
            locale={{ emptyText: t('builder.automation.test.noActions') }}
            renderItem={(a) => {
              const action = automation.actions[a.index]
              return (
                <List.Item>
                  <Flex vertical style={{ width: '100%' }}>
                    <Flex gap={6}>
                      <Typography.Text strong>
                        {a.index + 1}. {action ? t(`builder.automation.action.${action.type}`) : ''}
                      </Typography.Text>
                      <Tag color={a.error ? 'error' : 'success'}>
                        {a.error
                          ? t('builder.automation.test.wouldFail')
                          : t('builder.automation.test.wouldRun')}
                      </Tag>
                    </Flex>
                    <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{json(a.error ?? a.plan)}</pre>
                  </Flex>
                </List.Item>
              )
            }}
          />
        </Flex>
      )}
      {!form && <Typography.Text type="secondary">{label(automation.label, automation.key)}</Typography.Text>}
    </Flex>
  )
}
