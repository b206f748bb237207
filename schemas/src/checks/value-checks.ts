import type { FieldDefinition, LocalizedMessage } from '../app-definition.js'
import { localized, quote } from '../problems.js'
import { DECIMAL, isNumeric, isValidDate, isValidDateTime, NUMERIC_TYPES, TEXT_TYPES } from './field-kinds.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const mustBe = (value: unknown, zh: string, en: string) =>
  localized(`${quote(value)} 不是${zh}`, `${quote(value)} is not ${en}`)

function numberProblem(field: FieldDefinition, value: unknown): LocalizedMessage | undefined {
  if (!isNumeric(value)) return mustBe(value, '数字', 'a number')
  const n = Number(value)
  if (
    field.type === 'integer' &&
    !(typeof value === 'number' ? Number.isInteger(value) : /^-?\d+$/.test(String(value)))
  )
    return mustBe(value, '整数', 'an integer')
  if (
    field.type === 'rating' &&
    (!Number.isInteger(n) || n < 1 || n > (typeof field.max === 'number' ? field.max : 5))
  )
    return localized(
      `评分 ${quote(value)} 须为 1 到 ${field.max ?? 5} 的整数`,
      `rating ${quote(value)} must be a whole number from 1 to ${field.max ?? 5}`,
    )
  if (field.min !== undefined && isNumeric(field.min) && n < Number(field.min))
    return localized(
      `${quote(value)} 小于最小值 ${field.min}`,
      `${quote(value)} is below the minimum ${field.min}`,
    )
  if (field.type !== 'rating' && field.max !== undefined && isNumeric(field.max) && n > Number(field.max))
    return localized(
      `${quote(value)} 大于最大值 ${field.max}`,
      `${quote(value)} is above the maximum ${field.max}`,
    )
  const places = DECIMAL.exec(String(value))?.[1]?.length ?? 0
  if (field.decimals !== undefined && places - 1 > field.decimals)
    return localized(
      `${quote(value)} 超过 ${field.decimals} 位小数`,
      `${quote(value)} has more than ${field.decimals} decimals`,
    )
  return undefined
}

function textProblem(field: FieldDefinition, value: unknown): LocalizedMessage | undefined {
  if (typeof value !== 'string') return mustBe(value, '字符串', 'a string')
  // code points, as ajv and Postgres count (cases C1)
  const length = [...value].length
  if (field.minLength !== undefined && length < field.minLength)
    return localized(
      `${quote(value)} 少于 ${field.minLength} 个字符`,
      `${quote(value)} is shorter than ${field.minLength} characters`,
    )
  if (field.maxLength !== undefined && length > field.maxLength)
    return localized(
      `${quote(value)} 超过 ${field.maxLength} 个字符`,
      `${quote(value)} is longer than ${field.maxLength} characters`,
    )
  if (field.pattern !== undefined) {
    try {
      if (!new RegExp(field.pattern, 'u').test(value))
        return localized(
          `${quote(value)} 不符合格式 ${field.pattern}`,
          `${quote(value)} does not match ${field.pattern}`,
        )
    } catch {
      return undefined // the pattern itself is reported as invalid_pattern
    }
  }
  if (field.type === 'email' && !EMAIL.test(value)) return mustBe(value, '邮箱地址', 'an email address')
  if (field.type === 'url' && !/^https?:\/\/\S+$/.test(value))
    return mustBe(value, 'http(s) 网址', 'an http(s) URL')
  return undefined
}

function optionProblem(field: FieldDefinition, value: unknown): LocalizedMessage | undefined {
  const values = new Set((field.options ?? []).map((o) => o.value))
  const one = (v: unknown) =>
    typeof v === 'string' && values.has(v)
      ? undefined
      : localized(
          `${quote(v)} 不是字段 '${field.key}' 的选项`,
          `${quote(v)} is not an option of field '${field.key}'`,
        )
  if (field.type !== 'multiselect') return one(value)
  if (!Array.isArray(value)) return mustBe(value, '选项值数组', 'an array of option values')
  for (const v of value) {
    const p = one(v)
    if (p) return p
  }
  return new Set(value).size === value.length ? undefined : localized('选项值重复', 'an option value repeats')
}

function referenceProblem(field: FieldDefinition, value: unknown): LocalizedMessage | undefined {
  const ok = (v: unknown) => typeof v === 'string' && v.length > 0
  if (field.multiple)
    return Array.isArray(value) && value.every(ok) ? undefined : mustBe(value, 'ID 数组', 'an array of ids')
  return ok(value) ? undefined : mustBe(value, 'ID 字符串', 'an id string')
}

/**
 * Why `value` cannot be stored in `field` (a default, a `set` action's literal, a create map's literal),
 * or undefined when it can. Values follow DESIGN.md's wire rules (decimal strings, YYYY-MM-DD, ...).
 */
export function valueProblem(field: FieldDefinition, value: unknown): LocalizedMessage | undefined {
  if (NUMERIC_TYPES.has(field.type)) return numberProblem(field, value)
  if (TEXT_TYPES.has(field.type)) return textProblem(field, value)
  switch (field.type) {
    case 'select':
    case 'radio':
    case 'multiselect':
      return optionProblem(field, value)
    case 'boolean':
      return typeof value === 'boolean' ? undefined : mustBe(value, '布尔值', 'true or false')
    case 'date':
      if (typeof value !== 'string' || !isValidDate(value))
        return mustBe(value, '日期 YYYY-MM-DD', 'a date YYYY-MM-DD')
      if (typeof field.min === 'string' && value < field.min)
        return localized(`${quote(value)} 早于 ${field.min}`, `${quote(value)} is before ${field.min}`)
      if (typeof field.max === 'string' && value > field.max)
        return localized(`${quote(value)} 晚于 ${field.max}`, `${quote(value)} is after ${field.max}`)
      return undefined
    case 'datetime':
      return typeof value === 'string' && isValidDateTime(value)
        ? undefined
        : mustBe(value, '带时区的 ISO 8601 日期时间', 'an ISO 8601 date-time with offset')
    case 'user':
    case 'relation':
      return referenceProblem(field, value)
    case 'address':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? undefined
        : mustBe(value, '地址对象', 'an address object')
    case 'subform':
      return Array.isArray(value) &&
        value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
        ? undefined
        : mustBe(value, '行对象数组', 'an array of row objects')
    default:
      return localized(`'${field.type}' 字段不能有预设值`, `a '${field.type}' field takes no preset value`)
  }
}
