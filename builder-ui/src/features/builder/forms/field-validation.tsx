import { type FieldDefinition, type FormDefinition, isLinkedField } from '@tessera/schemas'
import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { ValueInput } from '../common/value-input.js'
import { useDraft } from '../draft/draft-context.js'
import { FormulaEditor } from './formula-editor.js'
import { OptionsEditor } from './options-editor.js'
import { serialExample } from './serial-example.js'
import { SubformColumns } from './subform-columns.js'
import { useFieldEdit } from './use-field-edit.js'

const NUMERIC = new Set(['number', 'integer', 'money', 'percent', 'rating'])
const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'url'])
const CURRENCIES = ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP']

/** The type's own rules: bounds, lengths, pattern, decimals, options, relation, columns, files, formula, serial. */
export function FieldValidation({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t, label } = useT()
  const { draft } = useDraft()
  const update = useFieldEdit(form, field)
  const type = field.type
  const patternError = (() => {
    if (!field.pattern) return null
    try {
      new RegExp(field.pattern, 'u')
      return null
    } catch (e) {
      return e instanceof Error ? e.message : String(e)
    }
  })()
  const target = draft.forms.find((f) => f.key === field.target)
  return (
    <Form layout="vertical" size="small">
      {(NUMERIC.has(type) || type === 'date' || type === 'datetime') && (
        <>
          <Form.Item label={t('builder.field.min')}>
            <ValueInput
              field={field}
              aria-label={t('builder.field.min')}
              value={field.min}
              onChange={(v) => update({ min: v as number | string | undefined }, 'min')}
            />
          </Form.Item>
          <Form.Item label={t('builder.field.max')}>
            <ValueInput
              field={field}
              aria-label={t('builder.field.max')}
              value={field.max}
              onChange={(v) => update({ max: v as number | string | undefined }, 'max')}
            />
          </Form.Item>
        </>
      )}
      {(type === 'number' || type === 'money' || type === 'percent') && (
        <Form.Item label={t('builder.field.decimals')}>
          <InputNumber
            min={0}
            max={10}
            precision={0}
            value={field.decimals}
            onChange={(v) => update({ decimals: v ?? undefined })}
          />
        </Form.Item>
      )}
      {type === 'money' && (
        <Form.Item label={t('builder.field.currency')}>
          <Select
            value={field.currency}
            onChange={(currency) => update({ currency })}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
      )}
      {TEXTUAL.has(type) && (
        <>
          <Form.Item label={t('builder.field.minLength')}>
            <InputNumber
              min={0}
              precision={0}
              value={field.minLength}
              onChange={(v) => update({ minLength: v ?? undefined })}
            />
          </Form.Item>
          <Form.Item label={t('builder.field.maxLength')}>
            <InputNumber
              min={1}
              precision={0}
              value={field.maxLength}
              onChange={(v) => update({ maxLength: v ?? undefined })}
            />
          </Form.Item>
          <Form.Item
            label={t('builder.field.pattern')}
            validateStatus={patternError ? 'error' : undefined}
            help={patternError ? t('builder.field.patternInvalid', { message: patternError }) : undefined}
          >
            <Input
              value={field.pattern ?? ''}
              onChange={(e) => update({ pattern: e.target.value || undefined }, 'pattern')}
              style={{ fontFamily: 'monospace' }}
            />
          </Form.Item>
        </>
      )}
      {(type === 'select' || type === 'multiselect' || type === 'radio') && (
        <Form.Item label={t('builder.field.options')}>
          <OptionsEditor
            value={field.options ?? []}
            onChange={(options, coalesce) => update({ options }, coalesce)}
          />
        </Form.Item>
      )}
      {type === 'relation' && (
        <>
          <Form.Item label={t('builder.field.target')}>
            <Select
              value={field.target}
              onChange={(key) => update({ target: key, display: undefined })}
              options={draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))}
            />
          </Form.Item>
          <Form.Item label={t('builder.field.display')}>
            <Select
              disabled={!target}
              value={field.display}
              onChange={(display) => update({ display })}
              options={(target?.fields ?? []).map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
            />
          </Form.Item>
        </>
      )}
      {(type === 'relation' || type === 'user') && (
        <Checkbox
          checked={!!field.multiple}
          onChange={(e) => update({ multiple: e.target.checked || undefined })}
        >
          {t('builder.field.multiple')}
        </Checkbox>
      )}
      {type === 'subform' && (
        <Form.Item label={t('builder.field.columns')}>
          <SubformColumns
            value={field.fields ?? []}
            onChange={(fields, coalesce) => update({ fields }, coalesce)}
          />
        </Form.Item>
      )}
      {(type === 'file' || type === 'image') && (
        <>
          <Form.Item label={t('builder.field.accept')} extra={t('builder.field.acceptHelp')}>
            <Select
              mode="tags"
              value={field.accept ?? []}
              onChange={(accept) => update({ accept: accept.length ? accept : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('builder.field.maxSize')}>
            <InputNumber
              min={0.1}
              step={1}
              value={field.maxSize === undefined ? null : field.maxSize / 1_048_576}
              onChange={(mb) => update({ maxSize: mb ? Math.round(mb * 1_048_576) : undefined })}
            />
          </Form.Item>
          <Form.Item label={t('builder.field.maxFiles')}>
            <InputNumber
              min={1}
              precision={0}
              value={field.maxFiles}
              onChange={(v) => update({ maxFiles: v ?? undefined })}
            />
          </Form.Item>
        </>
      )}
      {type === 'formula' && (
        <Form.Item label={t('builder.field.expression')}>
          <FormulaEditor
            value={field.expression}
            fields={form.fields.filter((f) => f.key !== field.key && !isLinkedField(f))}
            onChange={(expression) => update({ expression })}
          />
        </Form.Item>
      )}
      {type === 'serial' && (
        <Form.Item label={t('builder.field.format')} extra={t('builder.field.formatHelp')}>
          <Input
            value={field.format ?? ''}
            onChange={(e) => update({ format: e.target.value || undefined }, 'format')}
            style={{ fontFamily: 'monospace' }}
          />
          {field.format && (
            <Typography.Text type="secondary">
              {t('builder.field.formatPreview', { example: serialExample(field.format, new Date(), 1) })}
            </Typography.Text>
          )}
        </Form.Item>
      )}
    </Form>
  )
}
