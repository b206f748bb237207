import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { useApp } from '../apps/app-queries.js'
import type { DeactivatedWork, OpenWorkItem } from '../organisation/org-api.js'
import { useDeactivatedWork } from '../organisation/org-queries.js'
import { ReassignDialog } from './reassign-dialog.js'

/**
 * For managers, department heads and admins: the open work of deactivated people they may hand on.
 * Nothing shows for anyone else (the server lists nobody to them).
 */
export function DeactivatedWorkSection() {
  const { t } = useT()
  const work = useDeactivatedWork()
  if (work.isError)
    return <Alert type="error" title={t('common.loadFailed', { message: work.error.message })} />
  if (!work.data || work.data.length === 0) return null
  return (
    <Card
      title={t('openWork.title')}
      className="deactivated-work"
      data-testid="deactivated-work"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('openWork.help')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        {work.data.map((p) => (
          <PersonWork key={p.user.id} person={p} />
        ))}
      </Space>
    </Card>
  )
}

function PersonWork({ person }: { person: DeactivatedWork }) {
  const { t, lang } = useT()
  const [selected, setSelected] = useState<string[]>([])
  const [reassigning, setReassigning] = useState<OpenWorkItem[] | null>(null)
  const picked = person.items.filter((i) => selected.includes(i.recordId))
  return (
    <div data-person={person.user.email}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>
          {t('openWork.person', { name: person.user.name, email: person.user.email, n: person.items.length })}
        </Typography.Text>
        <Button
          type="primary"
          size="small"
          disabled={picked.length === 0}
          data-testid="reassign-selected"
          onClick={() => setReassigning(picked)}
        >
          {t('openWork.reassignSelected', { n: picked.length })}
        </Button>
      </Space>
      <Table<OpenWorkItem>
        size="small"
        rowKey="recordId"
        pagination={person.items.length > 20 ? { pageSize: 20 } : false}
        dataSource={person.items}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={[
          {
            title: t('openWork.record'),
            render: (_, i) => <RecordCell item={i} />,
          },
          { title: t('openWork.where'), render: (_, i) => <WhereCell item={i} /> },
          { title: t('openWork.state'), render: (_, i) => <StateCell item={i} /> },
          { title: t('openWork.updated'), render: (_, i) => formatDateTime(i.updatedAt, lang) },
          {
            width: 100,
            render: (_, i) => (
              <Button size="small" data-testid={`reassign-${i.recordId}`} onClick={() => setReassigning([i])}>
                {t('openWork.reassign')}
              </Button>
            ),
          },
        ]}
      />
      {reassigning && (
        <ReassignDialog
          from={person.user}
          items={reassigning}
          onClose={() => {
            setReassigning(null)
            setSelected([])
          }}
        />
      )}
    </div>
  )
}

/**
 * The record's title, named by the server from what the caller may see: whoever may hand the work
 * on sees what it is even without read access to the record itself. Else the start of its id.
 */
function RecordCell({ item }: { item: OpenWorkItem }) {
  return (
    <Link to={`/records/${encodeURIComponent(item.recordId)}`}>
      {item.title ?? item.recordId.slice(0, 8)}
    </Link>
  )
}

function WhereCell({ item }: { item: OpenWorkItem }) {
  const { label } = useT()
  const def = useApp(item.app).data?.definition
  const form = def?.forms.find((f) => f.key === item.form)
  return (
    <>
      {label(def?.name, item.app)} · {label(form?.title, item.form)}
    </>
  )
}

function StateCell({ item }: { item: OpenWorkItem }) {
  const { t, label } = useT()
  const def = useApp(item.app).data?.definition
  const state = def?.workflows?.find((w) => w.form === item.form)?.states.find((s) => s.key === item.state)
  return (
    <Space size={4} wrap>
      <Tag color="geekblue">{label(state?.label, item.state)}</Tag>
      {item.approval && <Tag color="orange">{t('openWork.approval')}</Tag>}
    </Space>
  )
}
