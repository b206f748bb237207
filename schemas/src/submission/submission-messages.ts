import type { FieldDefinition, Label, LocalizedMessage } from '../app-definition.js'
import { labelIn } from '../records/message-fields.js'

/** Every code a submission problem can carry; each has a message in both languages below. */
export const PROBLEM_CODES = [
  'required',
  'unknown_field',
  'readonly',
  'not_an_object',
  'type',
  'too_long',
  'too_short',
  'pattern',
  'email',
  'url',
  'phone',
  'number',
  'integer',
  'unsafe_integer',
  'scale',
  'min',
  'max',
  'date',
  'datetime',
  'option',
  'duplicate',
  'too_many',
  'reference',
  'formula',
  'invalid_character',
  'rule',
] as const
export type ProblemCode = (typeof PROBLEM_CODES)[number]

/** What a value should have been, for the `type` message. */
export type Expectation = 'text' | 'boolean' | 'list' | 'object' | 'ids' | 'id' | 'address' | 'rows'

export interface MessageParams {
  limit?: string | number
  actual?: string | number
  expected?: Expectation
  /** the options a value must be one of: as the field's labels in each language, with their values */
  options?: string | Both
  /** the field is picked, not typed (a choice, a person, a record, a date): "请选择" rather than "请填写" */
  choice?: boolean
  /** min/max of a date or datetime reads "on or after" rather than "at least" */
  temporal?: boolean
  detail?: string
  key?: string
}

export type Both = { 'zh-CN': string; en: string }
type Render = (label: Both, p: MessageParams) => LocalizedMessage

const EXPECTED: Record<Expectation, Both> = {
  text: { 'zh-CN': '文本', en: 'text' },
  boolean: { 'zh-CN': '是或否（true/false）', en: 'true or false' },
  list: { 'zh-CN': '选项列表', en: 'a list of options' },
  object: { 'zh-CN': '对象', en: 'an object' },
  ids: { 'zh-CN': 'ID 列表', en: 'a list of ids' },
  id: { 'zh-CN': 'ID', en: 'an id' },
  address: {
    'zh-CN': '地址对象（country、province、city、district、street、postcode）',
    en: 'an address object (country, province, city, district, street, postcode)',
  },
  rows: { 'zh-CN': '行的列表', en: 'a list of rows' },
}

const MESSAGES: Record<ProblemCode, Render> = {
  required: (l, p) => ({
    'zh-CN': `${p.choice ? '请选择' : '请填写'}${l['zh-CN']}。`,
    en: `${l.en} is required.`,
  }),
  unknown_field: (_l, p) => ({
    'zh-CN': `表单中没有字段“${p.key}”。`,
    en: `"${p.key}" is not a field of this form.`,
  }),
  readonly: (l) => ({ 'zh-CN': `${l['zh-CN']}当前不可修改。`, en: `${l.en} cannot be changed now.` }),
  not_an_object: () => ({
    'zh-CN': '提交的数据必须是由字段值组成的对象。',
    en: 'The data must be an object of field values.',
  }),
  type: (l, p) => {
    const e = EXPECTED[p.expected ?? 'text']
    return { 'zh-CN': `${l['zh-CN']}必须是${e['zh-CN']}。`, en: `${l.en} must be ${e.en}.` }
  },
  too_long: (l, p) => ({
    'zh-CN': `${l['zh-CN']}最多 ${p.limit} 个字符（当前 ${p.actual} 个）。`,
    en: `${l.en} must be at most ${p.limit} characters (it has ${p.actual}).`,
  }),
  too_short: (l, p) => ({
    'zh-CN': `${l['zh-CN']}至少 ${p.limit} 个字符（当前 ${p.actual} 个）。`,
    en: `${l.en} must be at least ${p.limit} characters (it has ${p.actual}).`,
  }),
  pattern: (l) => ({ 'zh-CN': `${l['zh-CN']}的格式不正确。`, en: `${l.en} is not in the required format.` }),
  email: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是电子邮箱地址，例如 name@example.com。`,
    en: `${l.en} must be an email address such as name@example.com.`,
  }),
  url: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是以 http:// 或 https:// 开头的网址。`,
    en: `${l.en} must be a web address starting with http:// or https://.`,
  }),
  phone: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是含 5 到 20 位数字的电话号码（可含空格、+、- 和括号）。`,
    en: `${l.en} must be a phone number of 5 to 20 digits (spaces, +, - and parentheses allowed).`,
  }),
  number: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是数字，例如 1234.5。`,
    en: `${l.en} must be a number such as 1234.5.`,
  }),
  integer: (l) => ({ 'zh-CN': `${l['zh-CN']}必须是整数。`, en: `${l.en} must be a whole number.` }),
  unsafe_integer: (l) => ({
    'zh-CN': `${l['zh-CN']}超出 JSON 数字能精确表示的范围，请以数字字符串提交（例如 "9007199254740993"）。`,
    en: `${l.en} is too large for an exact JSON number; send it as a string of digits (e.g. "9007199254740993").`,
  }),
  scale: (l, p) => ({
    'zh-CN': `${l['zh-CN']}最多 ${p.limit} 位小数（当前 ${p.actual} 位）。`,
    en: `${l.en} allows at most ${p.limit} decimal places (it has ${p.actual}).`,
  }),
  min: (l, p) =>
    p.temporal
      ? { 'zh-CN': `${l['zh-CN']}不能早于 ${p.limit}。`, en: `${l.en} must be on or after ${p.limit}.` }
      : { 'zh-CN': `${l['zh-CN']}不能小于 ${p.limit}。`, en: `${l.en} must be at least ${p.limit}.` },
  max: (l, p) =>
    p.temporal
      ? { 'zh-CN': `${l['zh-CN']}不能晚于 ${p.limit}。`, en: `${l.en} must be on or before ${p.limit}.` }
      : { 'zh-CN': `${l['zh-CN']}不能大于 ${p.limit}。`, en: `${l.en} must be at most ${p.limit}.` },
  date: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是有效日期，格式为 YYYY-MM-DD。`,
    en: `${l.en} must be a real date written YYYY-MM-DD.`,
  }),
  datetime: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是带时区的 ISO 8601 日期时间，例如 2026-03-01T09:30:00+08:00。`,
    en: `${l.en} must be an ISO 8601 date and time with a time zone, e.g. 2026-03-01T09:30:00+08:00.`,
  }),
  option: (l, p) => ({
    'zh-CN': `${l['zh-CN']}必须是以下选项之一：${typeof p.options === 'object' ? p.options['zh-CN'] : p.options}。`,
    en: `${l.en} must be one of: ${typeof p.options === 'object' ? p.options.en : p.options}.`,
  }),
  duplicate: (l) => ({
    'zh-CN': `${l['zh-CN']}中有重复的值。`,
    en: `${l.en} contains the same value twice.`,
  }),
  too_many: (l, p) => ({
    'zh-CN': `${l['zh-CN']}最多 ${p.limit} 个（当前 ${p.actual} 个）。`,
    en: `${l.en} allows at most ${p.limit} (it has ${p.actual}).`,
  }),
  reference: (l) => ({
    'zh-CN': `${l['zh-CN']}必须是 ID（不含空格的文本）。`,
    en: `${l.en} must be an id (text without spaces).`,
  }),
  invalid_character: (l) => ({
    'zh-CN': `${l['zh-CN']}含有无法保存的字符（空字符 U+0000 或不成对的代理项）。`,
    en: `${l.en} contains a character that cannot be stored (NUL U+0000 or an unpaired surrogate).`,
  }),
  // a form rule's own message, as its author wrote it
  rule: (l) => ({ 'zh-CN': l['zh-CN'], en: l.en }),
  formula: (l, p) => ({
    'zh-CN': `无法计算${l['zh-CN']}：${p.detail}`,
    en: `${l.en} could not be calculated: ${p.detail}`,
  }),
}

/** A user-authored label in both languages; a plain string serves both, the key is the last resort. */
export function labelOf(label: Label | undefined, key: string): Both {
  if (label === undefined) return { 'zh-CN': key, en: key }
  if (typeof label === 'string') return { 'zh-CN': label, en: label }
  const any = Object.values(label)[0] ?? key
  return { 'zh-CN': label['zh-CN'] ?? label.zh ?? label.en ?? any, en: label.en ?? any }
}

const PICKED: ReadonlySet<string> = new Set([
  'select',
  'radio',
  'multiselect',
  'user',
  'relation',
  'date',
  'datetime',
])

/**
 * A field's options as a message lists them, per language: the label with the value a caller sends
 * (`低 (low)、高 (high)`), or the value alone when it is its own label.
 */
export function optionsText(field: FieldDefinition): Both {
  const options = [...new Map((field.options ?? []).map((o) => [o.value, o])).values()]
  const one = (o: (typeof options)[number], lang: 'en' | 'zh-CN') => {
    const shown = labelIn(o.label, lang)
    return shown && shown !== o.value ? `${shown} (${o.value})` : o.value
  }
  return {
    en: options.map((o) => one(o, 'en')).join(', '),
    'zh-CN': options.map((o) => one(o, 'zh-CN')).join('、'),
  }
}

/**
 * What a field adds to a problem's parameters: whether it is picked rather than typed, and its
 * options by their labels where the problem lists options.
 */
export function fieldParams(field: FieldDefinition, params: MessageParams = {}): MessageParams {
  const out = PICKED.has(field.type) ? { ...params, choice: true } : params
  return out.options !== undefined && field.options ? { ...out, options: optionsText(field) } : out
}

export function messageFor(code: ProblemCode, label: Both, params: MessageParams = {}): LocalizedMessage {
  return MESSAGES[code](label, params)
}

/** The label of a subform row in messages: "Items row 4". */
export const rowLabelOf = (subform: Both, index: number): Both => ({
  'zh-CN': `${subform['zh-CN']}第 ${index + 1} 行`,
  en: `${subform.en} row ${index + 1}`,
})

/** A field inside a subform row: "Items row 4: Qty". */
export const cellLabelOf = (row: Both, field: Both): Both => ({
  'zh-CN': `${row['zh-CN']}的${field['zh-CN']}`,
  en: `${row.en}: ${field.en}`,
})
