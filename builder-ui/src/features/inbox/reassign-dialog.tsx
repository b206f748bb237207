import { useQueries } from '@tanstack/react-query'
import { Alert, App, Form, Modal, Select } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { useSession } from '../auth/session-queries.js'
import { builderApi } from '../builder/builder-api.js'
import { builderKeys } from '../builder/builder-queries.js'
import type { OpenWorkItem, PlatformUser } from '../organisation/org-api.js'
import { usePlatformUsers, useReassign } from '../organisation/org-queries.js'

interface ReassignDialogProps {
  from: PlatformUser
  items: OpenWorkItem[]
  onClose: () => void
}

/**
 * Whom the records can go to: an admin picks among every active user; a manager among the active
 * members of the records' apps (the server refuses, per record, anyone who may not take it).
 */
function useCandidates(apps: string[], exclude: string) {
  const { me } = useSession()
  const admin = me?.user.isAdmin === true
  const users = usePlatformUsers(admin)
  const members = useQueries({
    queries: apps.map((app) => ({
      queryKey: builderKeys.members(app),
      queryFn: () => builderApi.members(app),
      enabled: !admin,
    })),
  })
  const out = new Map<string, string>()
  if (admin) {
    for (const u of users.data ?? []) if (u.active) out.set(u.id, `${u.name} <${u.email}>`)
  } else {
    for (const q of members)
      for (const m of q.data ?? []) {
        if (m.user?.active === false) continue
        out.set(m.userId, `${m.user?.name ?? m.userId}${m.user?.email ? ` <${m.user.email}>` : ''}`)
      }
  }
  out.delete(exclude)
  return [...out].map(([value, label]) => ({ value, label }))
}

/** Picks the new assignee and hands the records on, answering per record what did not move and why. */
export function ReassignDialog({ from, items, onClose }: ReassignDialogProps) {
  const { t } = useT()
  const { message } = App.useApp()
  const [to, setTo] = useState<string | undefined>()
  const [failures, setFailures] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const reassign = useReassign()
  const options = useCandidates([...new Set(items.map((i) => i.app))], from.id)
  const submit = () => {
    if (!to) return
    setError(null)
    reassign.mutate(
      { from: from.id, to, records: items.map((i) => ({ id: i.recordId, version: i.version })) },
      {
        onSuccess: (results) => {
          const moved = results.filter((r) => r.ok).length
          if (moved > 0) message.success(t('openWork.moved', { n: moved }))
          const failed = results.filter((r) => !r.ok)
          if (failed.length === 0) onClose()
          else setFailures(failed.map((r) => `${r.id.slice(0, 8)}: ${r.message ?? r.code ?? ''}`))
        },
        onError: (e) => setError(t('org.failed', { message: e.message })),
      },
    )
  }
  return (
    <Modal
      open
      title={t('openWork.reassignTitle', { n: items.length, name: from.name })}
      okText={t('openWork.reassign')}
      okButtonProps={{ disabled: !to, loading: reassign.isPending }}
      onOk={submit}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} />}
      {failures.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('openWork.someFailed', { failed: failures.length, n: items.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {failures.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('openWork.to')}>
          <Select
            aria-label={t('openWork.to')}
            data-testid="reassign-to"
            showSearch
            optionFilterProp="label"
            placeholder={t('org.pickUser')}
            value={to}
            onChange={setTo}
            options={options}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
