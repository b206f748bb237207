import type { WorkflowDefinition } from '@tessera/schemas'
import { App, Button, Select, Space } from 'antd'
import { useRef, useState } from 'react'
import { api } from '../../api/api.js'
import type { RecordView } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { useQueryClient } from '@tanstack/react-query'

/**
 * Moves the selected records through one transition. Each goes with its own version, so a record
 * someone else changed meanwhile is refused (409) and counted, not overwritten. Transitions that
 * require fields are left to the record page, where the fields can be filled per record.
 */
export function BulkTransition({
  workflow,
  records,
  onDone,
}: {
  workflow: WorkflowDefinition
  records: RecordView[]
  onDone: () => void
}) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [choice, setChoice] = useState<string>()
  const [busy, setBusy] = useState(false)
  // set in the click's own event, so a double click on Apply moves the records once
  const running = useRef(false)
  const states = new Set(records.map((r) => r.state))
  const options = workflow.transitions
    .filter(
      (tr) => tr.roles.length > 0 && (tr.requires ?? []).length === 0 && tr.from.some((s) => states.has(s)),
    )
    .map((tr) => ({ value: tr.key, label: label(tr.label, tr.key) }))
  const run = async () => {
    if (!choice || running.current) return
    running.current = true
    setBusy(true)
    const results = await Promise.allSettled(
      records
        .filter((r) => workflow.transitions.find((x) => x.key === choice)?.from.includes(r.state ?? ''))
        .map((r) => api.transition(r.id, choice, {}, r.version)),
    )
    running.current = false
    setBusy(false)
    const ok = results.filter((r) => r.status === 'fulfilled').length
    message.info(t('records.bulkDone', { ok, failed: records.length - ok }))
    qc.invalidateQueries({ queryKey: ['records'] })
    onDone()
  }
  return (
    <Space wrap>
      <span>{t('records.bulkTransition', { n: records.length })}</span>
      <Select
        aria-label={t('record.transition')}
        style={{ minWidth: 180 }}
        value={choice}
        onChange={setChoice}
        options={options}
      />
      <Button type="primary" disabled={!choice} loading={busy} onClick={run}>
        {t('common.apply')}
      </Button>
    </Space>
  )
}
