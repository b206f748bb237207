import type { FieldRules, Outcome } from './field-outcome.js'
import { invalid, value } from './field-outcome.js'

const optionList = (rules: FieldRules) => [...(rules.options ?? [])].join(', ')

/** select, radio: exactly one of the option values, compared as typed. */
export function normalizeChoice(raw: unknown, rules: FieldRules): Outcome {
  if (typeof raw !== 'string' || !rules.options?.has(raw))
    return invalid('option', { options: optionList(rules) })
  return value(raw)
}

/** multiselect: a list of option values, each at most once, in the order given. */
export function normalizeMultiChoice(raw: unknown, rules: FieldRules): Outcome {
  if (!Array.isArray(raw)) return invalid('type', { expected: 'list' })
  const seen = new Set<string>()
  for (const [i, item] of raw.entries()) {
    if (typeof item !== 'string' || !rules.options?.has(item)) {
      return invalid('option', { options: optionList(rules) }, `/${i}`)
    }
    if (seen.has(item)) return invalid('duplicate', undefined, `/${i}`)
    seen.add(item)
  }
  return value(raw)
}

/** boolean: only true or false from the API (the importer converts "yes"/"是"). false is a value. */
export function normalizeBoolean(raw: unknown): Outcome {
  return typeof raw === 'boolean' ? value(raw) : invalid('type', { expected: 'boolean' })
}
