import type { Label } from '@tessera/schemas'
import { Input, Space } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'

export interface LabelInputProps {
  value: Label | undefined
  onChange: (value: Label | undefined) => void
  /** ids for tests and labels; `-zh` and `-en` are appended. */
  id?: string
  /** what is edited ("Help text"): each input is labelled with it and its language */
  name: string
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

type T = (key: 'builder.common.inZh' | 'builder.common.inEn', values: { name: string }) => string

/** The labels of the two inputs: "Help text (中文)" and "Help text (English)". */
export const languageLabels = (name: string, t: T) => ({
  zh: t('builder.common.inZh', { name }),
  en: t('builder.common.inEn', { name }),
})

/** One label in zh-CN and en, one above the other, each input labelled with what it is. */
export function LabelInput({ value, onChange, id, name, textarea }: LabelInputProps) {
  const { t } = useT()
  const { zh, en } = labelParts(value)
  const names = languageLabels(name, t)
  const Field = textarea ? Input.TextArea : Input
  return (
    <Space.Compact orientation="vertical" style={{ width: '100%' }}>
      <Field
        id={id ? `${id}-zh` : undefined}
        aria-label={names.zh}
        placeholder={names.zh}
        value={zh}
        onChange={(e) => onChange(toLabel(e.target.value, en, value))}
      />
      <Field
        id={id ? `${id}-en` : undefined}
        aria-label={names.en}
        placeholder={names.en}
        value={en}
        onChange={(e) => onChange(toLabel(zh, e.target.value, value))}
      />
    </Space.Compact>
  )
}
