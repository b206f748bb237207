/**
 * The JSON Logic operators a Tessera condition or expression may use. Anything else is rejected by
 * the meta-schema and the verifier; the evaluator implements exactly these.
 * Arithmetic is decimal-exact (decimal strings in, decimal strings out): `0.1 + 0.2` is `"0.3"`.
 */
// biome-ignore format: grouped by kind, one line per group, as the reference lists them
export const STANDARD_OPERATORS = [
  'var', 'missing', 'missing_some',
  'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=',
  'max', 'min', '+', '-', '*', '/', '%',
  'in', 'cat', 'substr',
  'merge', 'map', 'filter', 'reduce', 'all', 'none', 'some',
] as const

/** Operators of ours (documented in schemas/README.md). */
export const TESSERA_OPERATORS = [
  'now', // [] -> the current instant, ISO 8601 UTC
  'today', // [] -> the current date YYYY-MM-DD in the app's time zone
  'add_duration', // [instant|date, "P1D"] -> instant|date
  'days_between', // [date|instant, date|instant] -> integer days (b - a)
  'round', // [number, decimals] -> decimal string, half-up
  'abs',
  'lower',
  'upper',
  'trim',
  'length',
  'empty', // [value] -> true for absent, "", [], whitespace-only
  'sum', // [array] or [array, "column"] -> decimal string (e.g. a subform column)
  'count', // [array] -> integer
] as const

export const OPERATORS: readonly string[] = [...STANDARD_OPERATORS, ...TESSERA_OPERATORS]
export type Operator = (typeof STANDARD_OPERATORS)[number] | (typeof TESSERA_OPERATORS)[number]
