import type { AppDefinition } from '@tessera/schemas'
import { useQueries } from '@tanstack/react-query'
import { Card, List, Typography } from 'antd'
import { Link } from 'react-router'
import { api } from '../../api/api.js'
import type { RecordDetail } from '../../api/wire-types.js'
import { FieldValue } from '../forms/field-value.js'
import { useT } from '../../i18n/i18n-context.js'
import { recordTitle } from '../forms/widgets/relation-picker.js'

/**
 * Records of other forms that point at this one through a relation field (an account's contacts
 * and opportunities; a lead's converted account), and the records this one points at.
 */
export function RelatedRecords({ record, definition }: { record: RecordDetail; definition: AppDefinition }) {
  const { t, label } = useT()
  const incoming = definition.forms.flatMap((f) =>
    f.fields
      .filter((x) => x.type === 'relation' && x.target === record.form)
      .map((x) => ({ form: f, field: x })),
  )
  const results = useQueries({
    queries: incoming.map(({ form, field }) => ({
      queryKey: ['records', record.app, form.key, { filter: { [field.key]: { eq: record.id } }, limit: 20 }],
      queryFn: () =>
        api.list(record.app, form.key, { filter: { [field.key]: { eq: record.id } }, limit: 20 }),
    })),
  })
  const own = definition.forms.find((f) => f.key === record.form)
  const outgoing = (own?.fields ?? []).filter(
    (f) => f.type === 'relation' && typeof record.data[f.key] === 'string',
  )
  const groups = incoming
    .map((g, i) => ({ ...g, items: results[i]?.data?.items ?? [] }))
    .filter((g) => g.items.length > 0)
  return (
    <Card size="small" title={t('record.related')} className="related-records">
      {groups.length === 0 && outgoing.length === 0 && (
        <Typography.Text type="secondary">{t('record.noRelated')}</Typography.Text>
      )}
      {outgoing.map((f) => (
        <div key={f.key}>
          <Typography.Text type="secondary">{label(f.label, f.key)}: </Typography.Text>
          <FieldValue field={f} value={record.data[f.key]} app={record.app} />
        </div>
      ))}
      {groups.map((g) => (
        <div key={`${g.form.key}.${g.field.key}`}>
          <Typography.Text strong>{label(g.form.title, g.form.key)}</Typography.Text>
          <List
            size="small"
            dataSource={g.items}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/records/${encodeURIComponent(r.id)}`}>
                  {recordTitle(r, g.form.fields.find((x) => x.type === 'text')?.key, g.form)}
                </Link>
              </List.Item>
            )}
          />
        </div>
      ))}
    </Card>
  )
}
