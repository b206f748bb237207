import { InputNumber } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { formatDecimal, parseDecimalInput } from '../../../i18n/format.js'
import type { WidgetProps } from './widget-props.js'

/*
 * Decimal values stay strings end to end (`stringMode`), so 12345678901.23 is never rounded
 * through a float (C5). Integers are JSON numbers. No `min`/`max`/`precision` on the input: antd
 * would clamp or round what was typed on blur (-5 silently becoming 0); the form's validator says
 * what is wrong instead, as the server would.
 */

type NumericValue = string | number

function currencySymbol(currency: string, lang: string) {
  return (
    new Intl.NumberFormat(lang, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? currency
  )
}

export function NumberInput({ field, value, onChange, invalid, id, placeholder }: WidgetProps<NumericValue>) {
  const { lang } = useT()
  const isInt = field.type === 'integer' || field.type === 'rating'
  const grouped = field.type === 'money' || field.type === 'number'
  return (
    <InputNumber<string>
      id={id}
      stringMode
      style={{ width: '100%', maxWidth: 320 }}
      value={value === undefined ? null : String(value)}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      inputMode={isInt ? 'numeric' : 'decimal'}
      prefix={field.type === 'money' && field.currency ? currencySymbol(field.currency, lang) : undefined}
      suffix={
        field.type === 'percent' ? '%' : field.type === 'money' && field.currency ? field.currency : undefined
      }
      formatter={
        grouped ? (v) => (v === undefined || v === '' ? '' : formatGrouped(String(v), lang)) : undefined
      }
      parser={grouped ? (v) => parseDecimalInput(v ?? '', lang) : undefined}
      onChange={(v) => {
        if (v === null || v === '') return onChange(undefined)
        onChange(isInt && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v)
      }}
    />
  )
}

/** Groups the digits being typed without fixing decimals, so "1234." can still be typed. */
function formatGrouped(v: string, lang: string) {
  if (!/^-?\d+(\.\d*)?$/.test(v)) return v
  const [i, f] = v.split('.')
  return `${formatDecimal(i ?? '0', lang)}${f !== undefined ? `.${f}` : ''}`
}
