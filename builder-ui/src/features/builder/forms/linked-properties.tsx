import { type FieldDefinition, type FormDefinition, ROLLUP_OPS, type RollupOp } from '@tessera/schemas'
import { Alert, Form, InputNumber, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'
import { findingStatus, useFieldFindings } from './field-findings.js'
import { lookupRelations, rollupSources } from './new-field.js'
import { useFieldEdit } from './use-field-edit.js'

const NUMERIC = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const ORDERED = new Set([...NUMERIC, 'date', 'datetime'])
const LINKED = new Set(['lookup', 'rollup', 'formula'])

/** Which fields an aggregate can summarize (schemas checks/linked-checks.ts, rollup_field_invalid). */
export const summarizable = (op: RollupOp | undefined, f: FieldDefinition) =>
  op !== 'count' && !LINKED.has(f.type) && (op === 'min' || op === 'max' ? ORDERED : NUMERIC).has(f.type)

/** A lookup: which relation of this form it follows, and which field of that record it shows. */
export function LookupProperties({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const update = useFieldEdit(form, field)
  const findings = useFieldFindings(form, field)
  const relations = lookupRelations(form)
  const relation = form.fields.find((f) => f.key === field.relation)
  const target = draft.forms.find((f) => f.key === relation?.target)
  return (
    <Form layout="vertical" size="small">
      {relations.length === 0 && <Alert type="info" showIcon title={t('builder.lookup.noRelation')} />}
      <Form.Item
        label={t('builder.lookup.relation')}
        extra={t('builder.lookup.relationHelp')}
        htmlFor="builder-lookup-relation"
        {...findingStatus(findings('relation'))}
      >
        <Select
          id="builder-lookup-relation"
          value={field.relation}
          onChange={(key: string) => update({ relation: key, field: undefined })}
          options={relations.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('builder.lookup.field')}
        htmlFor="builder-lookup-field"
        {...findingStatus(findings('field'))}
      >
        <Select
          id="builder-lookup-field"
          disabled={!target}
          value={field.field}
          onChange={(key: string) => update({ field: key })}
          options={(target?.fields ?? [])
            .filter((f) => f.type !== 'subform')
            .map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
        />
      </Form.Item>
    </Form>
  )
}

/** A rollup: the related records (a form and its relation to this one), the aggregate, its field, a condition. */
export function RollupProperties({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const update = useFieldEdit(form, field)
  const findings = useFieldFindings(form, field)
  const sources = rollupSources(draft, form.key)
  const source = draft.forms.find((f) => f.key === field.form)
  const workflow = draft.workflows?.find((w) => w.form === field.form)
  const choices = (source?.fields ?? []).filter((f) => summarizable(field.op, f))
  // the related form's fields and, when a workflow governs it, its state
  const conditionFields: FieldDefinition[] = [
    ...(workflow
      ? [
          {
            key: 'state',
            type: 'select' as const,
            label: t('records.state'),
            options: workflow.states.map((s) => ({ value: s.key, label: s.label ?? s.key })),
          },
        ]
      : []),
    ...(source?.fields ?? []).filter((f) => !LINKED.has(f.type)),
  ]
  const sourceValue = field.form && field.relation ? `${field.form}/${field.relation}` : undefined
  return (
    <Form layout="vertical" size="small">
      {sources.length === 0 && <Alert type="info" showIcon title={t('builder.rollup.noSource')} />}
      <Form.Item
        label={t('builder.rollup.source')}
        extra={t('builder.rollup.sourceHelp')}
        htmlFor="builder-rollup-source"
        {...findingStatus([...findings('form'), ...findings('relation')])}
      >
        <Select
          id="builder-rollup-source"
          value={sourceValue}
          onChange={(v: string) => {
            const [formKey, relation] = v.split('/')
            update({ form: formKey, relation, field: undefined, where: undefined })
          }}
          options={sources.map((s) => ({
            value: `${s.form.key}/${s.relation.key}`,
            label: t('builder.rollup.sourceOption', {
              form: label(s.form.title, s.form.key),
              relation: label(s.relation.label, s.relation.key),
            }),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('builder.rollup.op')}
        htmlFor="builder-rollup-op"
        {...findingStatus(findings('op'))}
      >
        <Select
          id="builder-rollup-op"
          value={field.op}
          onChange={(op: RollupOp) => {
            const keep = source?.fields.find((f) => f.key === field.field)
            update({ op, field: keep && summarizable(op, keep) ? keep.key : undefined })
          }}
          options={ROLLUP_OPS.map((op) => ({ value: op, label: t(`builder.rollup.op.${op}`) }))}
        />
      </Form.Item>
      {field.op !== 'count' && (
        <Form.Item
          label={t('builder.rollup.field')}
          htmlFor="builder-rollup-field"
          {...findingStatus(findings('field'))}
        >
          <Select
            id="builder-rollup-field"
            disabled={!source}
            value={field.field}
            onChange={(key: string) => update({ field: key })}
            options={choices.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          />
        </Form.Item>
      )}
      {field.op === 'avg' && (
        <Form.Item label={t('builder.field.decimals')} {...findingStatus(findings('decimals'))}>
          <InputNumber
            min={0}
            max={12}
            precision={0}
            value={field.decimals}
            onChange={(v) => update({ decimals: v ?? undefined })}
          />
        </Form.Item>
      )}
      <Form.Item
        label={t('builder.rollup.where')}
        extra={t('builder.rollup.whereHelp')}
        {...findingStatus(findings('where'))}
      >
        <ConditionEditor
          id="builder-rollup-where"
          fields={conditionFields}
          value={field.where}
          onChange={(where) => update({ where })}
        />
      </Form.Item>
    </Form>
  )
}
