import type { MessageKey } from '../../i18n/en.js'

/** The message naming a CSV separator (`;` -> semicolon), for the preview's picker and the summary. */
export const separatorKey = (d: string): MessageKey =>
  d === ';' ? 'import.semicolon' : d === '\t' ? 'import.tab' : d === '|' ? 'import.pipe' : 'import.comma'
