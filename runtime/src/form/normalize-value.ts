import type { FieldType } from '@tessera/schemas'
import { normalizeAddress } from './address-value.js'
import { normalizeBoolean, normalizeChoice, normalizeMultiChoice } from './choice-values.js'
import type { Normalizer } from './field-outcome.js'
import { normalizeDecimal, normalizeInteger } from './number-values.js'
import { normalizeFiles, normalizeReference } from './reference-values.js'
import { normalizeDate, normalizeDatetime } from './temporal-values.js'
import { normalizeEmail, normalizePhone, normalizeText, normalizeUrl } from './text-values.js'

/** Fields whose value a client never sets: the server computes or assigns it. */
export type ComputedType = 'formula' | 'serial' | 'lookup' | 'rollup'
/** subform rows are prepared as a nested form, not by one normalizer. */
type ValueType = Exclude<FieldType, ComputedType | 'subform'>

/** One normalizer per value type; a new field type without one does not compile. */
export const NORMALIZERS: Record<ValueType, Normalizer> = {
  text: normalizeText,
  textarea: normalizeText,
  email: normalizeEmail,
  url: normalizeUrl,
  phone: normalizePhone,
  number: normalizeDecimal,
  money: normalizeDecimal,
  percent: normalizeDecimal,
  integer: normalizeInteger,
  rating: normalizeInteger,
  date: normalizeDate,
  datetime: normalizeDatetime,
  select: normalizeChoice,
  radio: normalizeChoice,
  multiselect: normalizeMultiChoice,
  boolean: normalizeBoolean,
  user: normalizeReference,
  relation: normalizeReference,
  file: normalizeFiles,
  image: normalizeFiles,
  address: normalizeAddress,
}

/** JSON Pointer escaping of one segment (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export const pointerSegment = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')
