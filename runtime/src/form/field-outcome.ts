import type { FieldDefinition } from '@tessera/schemas'
import type { MessageParams, ProblemCode } from './messages.js'

/** A problem of one value; `suffix` points inside it (`/city` of an address, `/2` of a list). */
export interface FieldProblem {
  suffix: string
  code: ProblemCode
  params?: MessageParams
}

/** The result of normalizing one present value. */
export type Outcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'absent' }
  | { kind: 'invalid'; problems: FieldProblem[] }

export const value = (v: unknown): Outcome => ({ kind: 'value', value: v })
export const absent: Outcome = { kind: 'absent' }
export const invalid = (code: ProblemCode, params?: MessageParams, suffix = ''): Outcome => ({
  kind: 'invalid',
  problems: [{ suffix, code, ...(params ? { params } : {}) }],
})

/** A field with what compileForm worked out once: its pattern compiled, its options as a set. */
export interface FieldRules {
  def: FieldDefinition
  pattern?: RegExp
  options?: ReadonlySet<string>
}

/** Normalizes one value that is not empty (C3 emptiness is decided before). */
export type Normalizer = (raw: unknown, rules: FieldRules) => Outcome
