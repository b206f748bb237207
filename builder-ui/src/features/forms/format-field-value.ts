import { type FieldDefinition, type Label, moneyScale } from '@tessera/schemas'
import { formatDate, formatDateTime, formatDecimal, formatMoney } from '../../i18n/format.js'
import { isEmptyValue } from './logic/form-logic.js'

export interface FormatContext {
  lang: string
  label: (v: Label | undefined | null, fallback?: string) => string
  /** user id -> display name */
  userName?: (id: string) => string | undefined
  yes: string
  no: string
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))

/**
 * A field value as plain text in the reader's locale (tables, read-only fields, exports of the
 * view, chart tooltips). Text only: the caller renders it as a React text node, never as HTML.
 */
export function formatFieldValue(field: FieldDefinition, value: unknown, ctx: FormatContext): string {
  if (isEmptyValue(value)) return ''
  const option = (v: unknown) => {
    const o = field.options?.find((x) => x.value === v)
    return o ? ctx.label(o.label, o.value) : str(v)
  }
  switch (field.type) {
    case 'money':
      return formatMoney(str(value), field.currency, ctx.lang, moneyScale(field.decimals))
    case 'number':
      return formatDecimal(str(value), ctx.lang, field.decimals)
    case 'integer':
      return formatDecimal(str(value), ctx.lang)
    case 'percent':
      return `${formatDecimal(str(value), ctx.lang, field.decimals)}%`
    case 'date':
      return formatDate(str(value), ctx.lang)
    case 'datetime':
      return formatDateTime(str(value), ctx.lang)
    case 'select':
    case 'radio':
      return option(value)
    case 'multiselect':
      return Array.isArray(value) ? value.map(option).join(', ') : option(value)
    case 'boolean':
      return value === true ? ctx.yes : value === false ? ctx.no : str(value)
    case 'user': {
      const ids = Array.isArray(value) ? value : [value]
      return ids.map((id) => ctx.userName?.(str(id)) ?? str(id)).join(', ')
    }
    case 'rating':
      return '★'.repeat(Math.max(0, Math.min(10, Number(value) || 0)))
    case 'address': {
      const a = value as Record<string, unknown>
      return [a.street, a.city, a.province, a.country].map(str).filter(Boolean).join(', ')
    }
    case 'file':
    case 'image': {
      const files = Array.isArray(value) ? value : [value]
      return files
        .map((f) => (typeof f === 'object' && f !== null ? str((f as { name?: unknown }).name) : str(f)))
        .join(', ')
    }
    case 'subform':
      return Array.isArray(value) ? `${value.length} ×` : ''
    case 'relation': {
      const ids = Array.isArray(value) ? value : [value]
      return ids
        .map((v) =>
          typeof v === 'object' && v !== null
            ? str((v as { title?: unknown; id?: unknown }).title ?? (v as { id?: unknown }).id)
            : str(v),
        )
        .join(', ')
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : str(value)
  }
}
