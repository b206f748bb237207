import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Select, Space } from 'antd'
import { useState } from 'react'
import { request } from '../../api/http.js'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useMembers } from '../apps/app-queries.js'

interface ReassignAnswer {
  results: { id: string; ok: boolean; message?: string }[]
}

/**
 * Hands the selected records to one member. Records are grouped by their current assignee (the
 * server checks per record that I may hand work on from that person: an admin, or their manager);
 * records without a single assignee (waiting in a queue) are left for their queue.
 */
export function BulkAssign({
  app,
  records,
  onDone,
}: {
  app: string
  records: RecordView[]
  onDone: () => void
}) {
  const { t } = useT()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const members = useMembers(app)
  const [to, setTo] = useState<string>()
  const [busy, setBusy] = useState(false)
  const assigned = records.filter((r) => r.assignee && r.assignee !== to)
  const run = async () => {
    if (!to) return
    setBusy(true)
    const byFrom = new Map<string, RecordView[]>()
    for (const r of assigned) byFrom.set(r.assignee!, [...(byFrom.get(r.assignee!) ?? []), r])
    let ok = 0
    const reasons = new Set<string>()
    for (const [from, group] of byFrom) {
      try {
        const answer = await request<ReassignAnswer>('/open-work/reassign', {
          method: 'POST',
          body: { from, to, records: group.map((r) => ({ id: r.id, version: r.version })) },
        })
        for (const x of answer.results ?? []) {
          if (x.ok) ok++
          else if (x.message) reasons.add(x.message)
        }
      } catch (e) {
        reasons.add((e as Error).message)
      }
    }
    setBusy(false)
    const failed = records.length - ok
    const summary = t('records.bulkAssigned', { ok, failed })
    if (failed > 0) message.warning([summary, ...reasons].join(' — '))
    else message.success(summary)
    qc.invalidateQueries({ queryKey: ['records'] })
    onDone()
  }
  return (
    <Space wrap>
      <Select
        aria-label={t('records.assignTo')}
        placeholder={t('records.assignTo')}
        style={{ minWidth: 220 }}
        showSearch={{ optionFilterProp: 'label' }}
        loading={members.isPending}
        value={to}
        onChange={setTo}
        options={(members.data ?? []).map((m) => ({
          value: m.userId,
          label: m.email ? `${m.name} <${m.email}>` : m.name,
        }))}
      />
      <Button disabled={!to || assigned.length === 0} loading={busy} onClick={run}>
        {t('records.assign', { n: assigned.length })}
      </Button>
    </Space>
  )
}
