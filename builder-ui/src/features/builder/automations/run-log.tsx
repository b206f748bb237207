import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Flex, Select, Table, Tag } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { type AutomationRun, automationApi, RUN_STATUSES, type RunStatus } from './automation-api.js'

const STATUS_COLOR: Record<RunStatus, string> = {
  pending: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  skipped: 'warning',
}

const json = (value: unknown) => JSON.stringify(value ?? null, null, 2)

/** The run log: newest first, filtered by automation and status; a row opens its input, output and error. */
export function RunLog({ automation }: { automation: string }) {
  const { t, label, lang } = useT()
  const { app, draft } = useDraft()
  const client = useQueryClient()
  const [filter, setFilter] = useState<{ automation?: string; status?: RunStatus }>({ automation })
  const runs = useQuery({
    queryKey: ['automation-runs', app, filter],
    queryFn: () => automationApi.runs(app, filter),
  })
  const replay = useMutation({
    mutationFn: (id: string) => automationApi.replay(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['automation-runs', app] }),
  })
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—')
  return (
    <Flex vertical gap={8} data-testid="builder-automation-runs">
      <Flex gap={8}>
        <Select
          allowClear
          style={{ minWidth: 220 }}
          aria-label={t('builder.automation.runs.automation')}
          placeholder={t('builder.automation.runs.allAutomations')}
          value={filter.automation}
          onChange={(a: string | undefined) => setFilter({ ...filter, automation: a })}
          options={(draft.automations ?? []).map((a) => ({ value: a.key, label: label(a.label, a.key) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          aria-label={t('builder.automation.runs.status')}
          placeholder={t('builder.automation.runs.allStatuses')}
          value={filter.status}
          onChange={(s: RunStatus | undefined) => setFilter({ ...filter, status: s })}
          options={RUN_STATUSES.map((s) => ({ value: s, label: t(`builder.automation.status.${s}`) }))}
        />
        <Button onClick={() => runs.refetch()} loading={runs.isFetching}>
          {t('builder.automation.runs.refresh')}
        </Button>
      </Flex>
      {(runs.error ?? replay.error) && (
        <Alert type="error" showIcon message={(runs.error ?? replay.error)?.message} />
      )}
      <Table<AutomationRun>
        size="small"
        rowKey="id"
        loading={runs.isPending}
        dataSource={runs.data ?? []}
        pagination={{ pageSize: 20 }}
        expandable={{
          expandedRowRender: (run) => (
            <Flex gap={12} wrap>
              {(['input', 'output', 'error'] as const).map((part) => (
                <div key={part} style={{ flex: 1, minWidth: 220 }}>
                  <strong>{t(`builder.automation.runs.${part}`)}</strong>
                  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{json(run[part])}</pre>
                </div>
              ))}
            </Flex>
          ),
        }}
        columns={[
          { key: 'automation', title: t('builder.automation.runs.automation'), dataIndex: 'automation' },
          {
            key: 'status',
            title: t('builder.automation.runs.status'),
            render: (_, run) => (
              <Tag color={STATUS_COLOR[run.status]}>{t(`builder.automation.status.${run.status}`)}</Tag>
            ),
          },
          {
            key: 'started',
            title: t('builder.automation.runs.started'),
            render: (_, run) => when(run.startedAt ?? run.createdAt),
          },
          { key: 'attempts', title: t('builder.automation.runs.attempts'), dataIndex: 'attempts' },
          {
            key: 'error',
            title: t('builder.automation.runs.error'),
            render: (_, run) => errorText(run.error, lang),
          },
          {
            key: 'replay',
            title: '',
            render: (_, run) =>
              run.status === 'failed' && (
                <Button
                  size="small"
                  loading={replay.isPending && replay.variables === run.id}
                  onClick={() => replay.mutate(run.id)}
                >
                  {t('builder.automation.runs.replay')}
                </Button>
              ),
          },
        ]}
      />
    </Flex>
  )
}

/** The error's message as the server localised it, or its code. */
function errorText(error: Record<string, unknown> | null | undefined, lang: 'en' | 'zh-CN'): string {
  if (!error) return ''
  const message = error.message
  if (typeof message === 'string') return message
  if (message && typeof message === 'object') {
    const m = message as Record<string, unknown>
    return String(m[lang] ?? m.en ?? '')
  }
  return typeof error.code === 'string' ? error.code : ''
}
