import type { FieldDefinition } from '@tessera/schemas'
import { Table, Typography } from 'antd'
import { Link } from 'react-router'
import { apiPaths } from '../../api/api.js'
import { recordTitle } from './widgets/relation-picker.js'
import { useRecord } from '../records/record-queries.js'
import { useT } from '../../i18n/i18n-context.js'
import { useForm, useMembers } from '../apps/app-queries.js'
import { useSession } from '../auth/session-queries.js'
import { formatFieldValue } from './format-field-value.js'
import { fileIds, fileMeta } from './widgets/file-meta.js'
import { isEmptyValue } from './logic/form-logic.js'

export interface FieldValueProps {
  field: FieldDefinition
  value: unknown
  app?: string
}

/** Text for a user id: the member's name when the app's members are known. */
export function useUserName(app: string | undefined) {
  const members = useMembers(app ?? '')
  const { me } = useSession()
  // the platform admin acts without being a member; name them from the session
  return (id: string) =>
    members.data?.find((m) => m.userId === id)?.name ?? (me?.user.id === id ? me.user.name : undefined)
}

/** A related record by its display field (fetched, cached per record), its id while it loads or if unreadable. */
function RelationTitle({ id, display }: { id: string; display: string | undefined }) {
  const record = useRecord(id)
  const target = useForm(record.data?.app ?? '', record.data?.form ?? '')
  return <>{record.data ? recordTitle(record.data, display, target.form) : id.slice(0, 8)}</>
}

/** A value shown read-only: as text, with links for files and related records. Never as HTML. */
export function FieldValue({ field, value, app }: FieldValueProps) {
  const { t, lang, label } = useT()
  const userName = useUserName(app)
  if (isEmptyValue(value)) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
  const ctx = { lang, label, userName, yes: t('common.yes'), no: t('common.no') }
  if (field.type === 'file' || field.type === 'image')
    return (
      <span className="file-links">
        {fileIds(value)
          .map((id) => fileMeta(id) ?? { id, name: id.slice(0, 8), size: 0 })
          .map((f) => (
            <a key={f.id} href={apiPaths.fileUrl(f.id)} target="_blank" rel="noreferrer">
              {field.type === 'image' ? (
                <img src={apiPaths.fileUrl(f.id)} alt={f.name} className="image-thumb" />
              ) : (
                f.name
              )}
            </a>
          ))}
      </span>
    )
  if (field.type === 'relation') {
    const ids = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
    return (
      <span>
        {ids.map((id) => (
          <Link key={id} to={`/records/${encodeURIComponent(id)}`} className="relation-link">
            <RelationTitle id={id} display={field.display} />
          </Link>
        ))}
      </span>
    )
  }
  if (field.type === 'subform' && Array.isArray(value))
    return (
      <Table
        size="small"
        pagination={false}
        rowKey={(_r, i) => String(i)}
        dataSource={value as Record<string, unknown>[]}
        scroll={{ x: 'max-content' }}
        columns={(field.fields ?? []).map((c) => ({
          key: c.key,
          title: label(c.label, c.key),
          render: (_: unknown, row: Record<string, unknown>) => formatFieldValue(c, row[c.key], ctx),
        }))}
      />
    )
  return (
    <span className={field.type === 'textarea' ? 'pre-wrap' : undefined}>
      {formatFieldValue(field, value, ctx)}
    </span>
  )
}
