import { didYouMean } from './did-you-mean.js'

/** Words for the JSON types and formats of the meta-schemas, in [zh-CN, en]. */
export const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  number: ['数字', 'a number'],
  integer: ['整数', 'an integer'],
  boolean: ['布尔值（true/false）', 'a boolean (true/false)'],
  object: ['对象', 'an object'],
  array: ['数组', 'an array'],
  null: ['null', 'null'],
}

export const FORMAT_NAMES: Record<string, [string, string]> = {
  date: ['日期 YYYY-MM-DD', 'a date YYYY-MM-DD'],
  'date-time': ['带时区的 ISO 8601 日期时间', 'an ISO 8601 date-time with offset'],
}

/** ` (did you mean 'x'?)` in both languages, or empty strings when nothing is close. */
export const suggestion = (word: string, candidates: Iterable<string>): [string, string] => {
  const guess = didYouMean(word, candidates)
  return guess ? [`（是否想写 '${guess}'？）`, ` (did you mean '${guess}'?)`] : ['', '']
}

export function describeType(types: unknown): [string, string] {
  const list = (Array.isArray(types) ? types : [types]).map(
    (t) => TYPE_NAMES[String(t)] ?? [String(t), String(t)],
  )
  return [list.map((t) => t[0]).join(' 或 '), list.map((t) => t[1]).join(' or ')]
}
