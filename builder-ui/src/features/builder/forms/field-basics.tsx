import type { FieldDefinition, FormDefinition, Label } from '@tessera/schemas'
import { Checkbox, Flex, Form } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { ValueInput } from '../common/value-input.js'
import { useDraftActions } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { keyFromLabel } from '../logic/key-from-label.js'
import { withoutStaleDefault } from '../logic/stale-label.js'
import { useFieldEdit } from './use-field-edit.js'

const NO_DEFAULT = new Set([
  'formula',
  'serial',
  'subform',
  'file',
  'image',
  'relation',
  'user',
  'address',
  'lookup',
  'rollup',
])
// computed from related records when read: nobody fills them, so nothing to require or lock
const LINKED = new Set(['lookup', 'rollup'])
const NO_PLACEHOLDER = new Set([
  'boolean',
  'formula',
  'serial',
  'subform',
  'file',
  'image',
  'rating',
  'radio',
  'lookup',
  'rollup',
])

/** Label, key, help, placeholder, required / read-only / unique, default. */
export function FieldBasics({ form, field }: { form: FormDefinition; field: FieldDefinition }) {
  const { t } = useT()
  const { dispatch, published } = useDraftActions()
  const { select } = useSelection()
  const update = useFieldEdit(form, field)
  const locked = !!published?.forms.find((f) => f.key === form.key)?.fields.some((f) => f.key === field.key)
  const others = form.fields.filter((f) => f.key !== field.key).map((f) => f.key)

  // The key follows the label while it is still the one generated from it; once typed by hand, or published, it stays.
  const changeLabel = (typed: Label | undefined) => {
    const next = withoutStaleDefault(field, typed)
    const generated = keyFromLabel(field.label, others, field.type)
    const follows = !locked && field.key === generated
    const nextKey = follows ? keyFromLabel(next, others, field.type) : field.key
    // Keyed by the field's place, which a rename keeps (its key follows the label while typing):
    // typing in one field's label is one undo step, and the next field's label starts another.
    const coalesce = `field-label:${form.key}:${form.fields.indexOf(field)}`
    if (nextKey === field.key) {
      dispatch({ type: 'field/update', form: form.key, field: field.key, patch: { label: next } }, coalesce)
      return
    }
    dispatch(
      {
        type: 'batch',
        actions: [
          { type: 'field/update', form: form.key, field: field.key, patch: { label: next } },
          { type: 'field/rename', form: form.key, from: field.key, to: nextKey },
        ],
      },
      coalesce,
    )
    select({ kind: 'field', form: form.key, field: nextKey })
  }
  const rename = (key: string) => {
    dispatch({ type: 'field/rename', form: form.key, from: field.key, to: key })
    select({ kind: 'field', form: form.key, field: key })
  }

  return (
    <Form layout="vertical" size="small">
      <Form.Item label={t('builder.common.label')}>
        <LabelInput
          id="builder-field-label"
          name={t('builder.common.label')}
          value={field.label}
          onChange={changeLabel}
        />
      </Form.Item>
      <Form.Item label={t('builder.common.key')}>
        <KeyInput id="builder-field-key" value={field.key} locked={locked} taken={others} onCommit={rename} />
      </Form.Item>
      <Form.Item label={t('builder.field.help')}>
        <LabelInput
          textarea
          name={t('builder.field.help')}
          value={field.help}
          onChange={(help) => update({ help }, 'help')}
        />
      </Form.Item>
      {!NO_PLACEHOLDER.has(field.type) && (
        <Form.Item label={t('builder.field.placeholder')}>
          <LabelInput
            name={t('builder.field.placeholder')}
            value={field.placeholder}
            onChange={(placeholder) => update({ placeholder }, 'placeholder')}
          />
        </Form.Item>
      )}
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        {!LINKED.has(field.type) && (
          <>
            <Checkbox
              id="builder-field-required"
              checked={!!field.required}
              onChange={(e) => update({ required: e.target.checked || undefined })}
            >
              {t('builder.field.required')}
            </Checkbox>
            <Checkbox
              checked={!!field.readOnly}
              onChange={(e) => update({ readOnly: e.target.checked || undefined })}
            >
              {t('builder.field.readOnly')}
            </Checkbox>
          </>
        )}
        {['text', 'email', 'phone', 'url', 'integer', 'serial'].includes(field.type) && (
          <Checkbox
            checked={!!field.unique}
            onChange={(e) => update({ unique: e.target.checked || undefined })}
          >
            {t('builder.field.unique')}
          </Checkbox>
        )}
      </Flex>
      {!NO_DEFAULT.has(field.type) && (
        <Form.Item label={t('builder.field.default')}>
          <ValueInput
            field={field}
            aria-label={t('builder.field.default')}
            value={field.default as string | number | boolean | string[] | undefined}
            onChange={(value) => update({ default: value }, 'default')}
          />
        </Form.Item>
      )}
    </Form>
  )
}
