import type { Label } from '@tessera/schemas'
import { Input, Space } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'

export interface LabelInputProps {
  value: Label | undefined
  onChange: (value: Label | undefined) => void
  /** ids for tests and labels; `-zh` and `-en` are appended. */
  id?: string
  placeholderZh?: string
  placeholderEn?: string
  textarea?: boolean
}

/** Reads a label as its two languages; a plain string counts as English, as the author wrote it once. */
export function labelParts(value: Label | undefined): { zh: string; en: string } {
  if (value === undefined) return { zh: '', en: '' }
  if (typeof value === 'string') return { zh: '', en: value }
  return { zh: value['zh-CN'] ?? '', en: value.en ?? '' }
}

/** Writes the two languages back: absent when both are empty, never `""` (an empty value is absent). */
export function toLabel(zh: string, en: string, previous?: Label): Label | undefined {
  const rest = previous && typeof previous === 'object' ? { ...previous } : {}
  delete rest['zh-CN']
  delete rest.en
  const next: Record<string, string> = { ...rest }
  if (zh.trim()) next['zh-CN'] = zh
  if (en.trim()) next.en = en
  return Object.keys(next).length ? next : undefined
}

/** One label in zh-CN and en, side by side. */
export function LabelInput({ value, onChange, id, placeholderZh, placeholderEn, textarea }: LabelInputProps) {
  const { t } = useT()
  const { zh, en } = labelParts(value)
  const Field = textarea ? Input.TextArea : Input
  return (
    <Space.Compact orientation="vertical" style={{ width: '100%' }}>
      <Field
        id={id ? `${id}-zh` : undefined}
        aria-label={placeholderZh ?? t('builder.common.labelZh')}
        placeholder={placeholderZh ?? t('builder.common.labelZh')}
        value={zh}
        onChange={(e) => onChange(toLabel(e.target.value, en, value))}
      />
      <Field
        id={id ? `${id}-en` : undefined}
        aria-label={placeholderEn ?? t('builder.common.labelEn')}
        placeholder={placeholderEn ?? t('builder.common.labelEn')}
        value={en}
        onChange={(e) => onChange(toLabel(zh, e.target.value, value))}
      />
    </Space.Compact>
  )
}
