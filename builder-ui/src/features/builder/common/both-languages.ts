import type { Label } from '@tessera/schemas'
import { builderEn } from '../i18n-builder-en.js'
import { builderZhCN } from '../i18n-builder-zh-CN.js'

/** A builder message as a label in both languages, for text the builder writes into a definition. */
export function bothLanguages(
  key: keyof typeof builderEn,
  values: Record<string, string | number> = {},
): Label {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m))
  return { 'zh-CN': fill(builderZhCN[key]), en: fill(builderEn[key]) }
}
