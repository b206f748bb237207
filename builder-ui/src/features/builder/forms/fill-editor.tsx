import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { Alert, Button, Flex, Form, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { findingStatus, useFieldFindings } from './field-findings.js'
import { useFieldEdit } from './use-field-edit.js'

// nobody writes these, so nothing fills them (schemas checks/linked-checks.ts, computed_field)
const COMPUTED = new Set(['formula', 'serial', 'lookup', 'rollup', 'subform'])

/** The fields a relation's `fill` may write: this form's own, not computed, not the relation itself. */
export const fillTargets = (form: FormDefinition, relation: FieldDefinition) =>
  form.fields.filter((f) => f.key !== relation.key && !COMPUTED.has(f.type))

/** `fill` as rows in order; a row being chosen has an empty target until picked. */
export function setFillRow(
  fill: Record<string, string> | undefined,
  index: number,
  into: string,
  from: string,
): Record<string, string> {
  const rows = Object.entries(fill ?? {})
  rows[index] = [into, from]
  return Object.fromEntries(rows)
}

/** Data linkage of a relation: this form's field ← the chosen record's field, one row per mapping. */
export function FillEditor({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const update = useFieldEdit(form, field)
  const findings = useFieldFindings(form, field)
  const target = draft.forms.find((f) => f.key === field.target)
  const rows = Object.entries(field.fill ?? {})
  const set = (next: [string, string][]) =>
    update({ fill: next.length > 0 ? Object.fromEntries(next) : undefined })
  const targets = fillTargets(form, field)
  const free = targets.filter((f) => !(f.key in (field.fill ?? {})))
  const targetName = label(target?.title, field.target)
  return (
    <Form layout="vertical" size="small" data-testid="builder-fill-editor">
      <Typography.Text strong>{t('builder.fill.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('builder.fill.help')}
      </Typography.Paragraph>
      {field.multiple && <Alert type="warning" showIcon title={t('builder.fill.multiple')} />}
      {!target && <Alert type="info" showIcon title={t('builder.fill.noTarget')} />}
      {rows.map(([into, from], i) => (
        <Form.Item key={into} {...findingStatus(findings(`fill/${into}`))}>
          <Flex gap={4} align="center" data-fill-row={into}>
            <Select
              aria-label={t('builder.fill.into')}
              style={{ flex: 1, minWidth: 0 }}
              value={into}
              onChange={(key: string) => set(Object.entries(setFillRow(field.fill, i, key, from)))}
              options={targets
                .filter((f) => f.key === into || !(f.key in (field.fill ?? {})))
                .map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
            />
            <span aria-hidden="true">←</span>
            <Select
              aria-label={t('builder.fill.from', { form: targetName })}
              style={{ flex: 1, minWidth: 0 }}
              value={from}
              onChange={(key: string) => set(Object.entries(setFillRow(field.fill, i, into, key)))}
              options={(target?.fields ?? []).map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
            />
            <Button
              size="small"
              type="text"
              aria-label={t('builder.fill.remove')}
              icon={<DeleteOutlined />}
              onClick={() => set(rows.filter((_, j) => j !== i))}
            />
          </Flex>
        </Form.Item>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!target || field.multiple === true || free.length === 0}
        onClick={() => {
          const into = free[0]
          if (!into) return
          // the same key on the related form is the likely source (amount ← amount), else its first field
          const from = target?.fields.find((f) => f.key === into.key) ?? target?.fields[0]
          set([...rows, [into.key, from?.key ?? into.key]])
        }}
      >
        {t('builder.fill.add')}
      </Button>
    </Form>
  )
}
