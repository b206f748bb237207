import { delimiterOf } from '@tessera/schemas'
import { importError } from './import-error.js'

/** `;`, `semicolon`, `\\t`, `tab`…: one of the four separators, else a MAPPING error naming them. */
export function parseDelimiter(declared: string): string {
  const d = delimiterOf(declared)
  if (d) return d
  throw importError('MAPPING', {
    'zh-CN': `不支持的分隔符“${declared}”：可用逗号 (,)、分号 (;)、制表符 (tab) 或竖线 (|)`,
    en: `unsupported delimiter "${declared}": use comma (,), semicolon (;), tab or pipe (|)`,
  })
}
