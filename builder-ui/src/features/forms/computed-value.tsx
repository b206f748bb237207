import { Typography } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { FieldValue } from './field-value.js'
import type { WidgetProps } from './widgets/widget-props.js'

/** Formula and serial fields: shown, never edited; the server computes the stored value. */
export function ComputedValue({ field, value, id }: WidgetProps) {
  const { t } = useT()
  if (value === undefined || value === null || value === '')
    return (
      <Typography.Text id={id} type="secondary">
        {field.type === 'serial' ? t('form.assignedBySystem') : t('common.none')}
      </Typography.Text>
    )
  return (
    <output id={id} className="computed-value" aria-live="polite">
      <FieldValue field={{ ...field, type: field.type === 'formula' ? 'number' : 'text' }} value={value} />
    </output>
  )
}
