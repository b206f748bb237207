import { type FormDefinition, visitorFillable } from '@tessera/schemas'
import { Form, Select, Switch, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { FormRules } from './form-rules.js'

/** The form's own settings: title, description, public link, rules. */
export function FormSettings({ form }: { form: FormDefinition }) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const locked = !!published?.forms.some((f) => f.key === form.key)
  const { select } = useSelection()
  const rename = (key: string) => {
    dispatch({ type: 'form/rename', from: form.key, to: key })
    select({ kind: 'form', form: key })
  }
  return (
    <>
      <Form layout="vertical" size="small">
        <Typography.Title level={5}>{t('builder.form.settings')}</Typography.Title>
        <Form.Item label={t('builder.common.key')}>
          <KeyInput
            value={form.key}
            locked={locked}
            taken={draft.forms.map((f) => f.key)}
            onCommit={rename}
          />
        </Form.Item>
        <Form.Item label={t('builder.common.title')}>
          <LabelInput
            id="builder-form-title"
            name={t('builder.common.title')}
            value={form.title}
            onChange={(title) =>
              dispatch(
                { type: 'form/update', form: form.key, patch: { title: title ?? form.key } },
                `form-title:${form.key}`,
              )
            }
          />
        </Form.Item>
        <Form.Item label={t('builder.field.help')}>
          <LabelInput
            textarea
            name={t('builder.field.help')}
            value={form.description}
            onChange={(description) =>
              dispatch(
                { type: 'form/update', form: form.key, patch: { description } },
                `form-desc:${form.key}`,
              )
            }
          />
        </Form.Item>
        <Form.Item label={t('builder.form.public')}>
          <Switch
            checked={!!form.public}
            onChange={(on) =>
              dispatch({ type: 'form/update', form: form.key, patch: { public: on || undefined } })
            }
          />
        </Form.Item>
        {form.public && (
          <Form.Item label={t('builder.form.publicFields')} extra={t('builder.form.publicFieldsHelp')}>
            <Select
              mode="multiple"
              aria-label={t('builder.form.publicFields')}
              value={form.publicFields ?? []}
              options={form.fields
                .filter(visitorFillable)
                .map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
              onChange={(keys: string[]) =>
                dispatch({
                  type: 'form/update',
                  form: form.key,
                  patch: { publicFields: keys.length > 0 ? keys : undefined },
                })
              }
            />
          </Form.Item>
        )}
      </Form>
      <FormRules form={form} />
    </>
  )
}
