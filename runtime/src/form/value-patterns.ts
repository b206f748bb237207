/**
 * The formats prepare() checks, written once as regular expressions so the compiled JSON Schema
 * (`pattern`, run by ajv with the `u` flag in the browser) and the server give the same answer.
 * Trimmed values are tested; the schema variants allow the surrounding whitespace prepare trims.
 */
export const EMAIL = '[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+'
export const URL = '[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+(?:[/?#]\\S*)?'
// 5..20 digits, each optionally preceded by separators a person types: "+44 (20) 7946-0000".
export const PHONE = '(?:[\\s+()-]*\\d){5,20}[\\s+()-]*'
export const DECIMAL = '[+-]?\\d+(?:\\.\\d+)?'
export const INTEGER = '[+-]?\\d+'
export const ID = '\\S{1,200}'

export { BAD_CHARACTER } from '@tessera/schemas'
/** Subform rows at most: a safety cap for one record. */
export const MAX_ROWS = 1000

export const whole = (source: string) => new RegExp(`^(?:${source})$`, 'u')
/** The schema form: the same format with the whitespace prepare() trims around it. */
export const padded = (source: string) => `^\\s*(?:${source})\\s*$`

export const EMAIL_MAX = 254
export const URL_MAX = 2048
export const PHONE_MAX = 40
export const ADDRESS_PART_MAX = 200
/** Lengths when a definition sets none: a safety cap that also bounds `pattern` matching time. */
export const DEFAULT_MAX_LENGTH = { text: 1000, textarea: 20000 } as const

export const ADDRESS_PARTS = ['country', 'province', 'city', 'district', 'street', 'postcode'] as const
export const ADDRESS_REQUIRED = ['country', 'city', 'street'] as const
