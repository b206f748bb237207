import type { FormDefinition } from '@tessera/schemas'
import { Form, InputNumber, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { LabelInput } from '../common/label-input.js'
import { useDraftActions } from '../draft/draft-context.js'

/** A layout section: its title and how many columns its fields flow in. */
export function SectionProperties({ form, index }: { form: FormDefinition; index: number }) {
  const { t } = useT()
  const { dispatch } = useDraftActions()
  const section = form.layout?.[index]
  if (!section) return null
  return (
    <Form layout="vertical" size="small">
      <Typography.Title level={5}>{t('builder.section.title')}</Typography.Title>
      <Form.Item label={t('builder.common.title')}>
        <LabelInput
          name={t('builder.common.title')}
          value={section.section}
          onChange={(title) =>
            dispatch(
              { type: 'section/update', form: form.key, index, patch: { section: title ?? '' } },
              `section:${form.key}:${index}`,
            )
          }
        />
      </Form.Item>
      <Form.Item label={t('builder.section.columns')}>
        <InputNumber
          min={1}
          max={4}
          value={section.columns ?? 1}
          onChange={(columns) =>
            dispatch({ type: 'section/update', form: form.key, index, patch: { columns: columns ?? 1 } })
          }
        />
      </Form.Item>
    </Form>
  )
}
