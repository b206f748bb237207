import { describe, expect, it } from 'vitest'
import type { FieldDefinition, JsonLogic } from '../app-definition.js'
import { formulaKind } from './formula-kind.js'

const formula = (expression: JsonLogic, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key: 'f',
  type: 'formula',
  expression,
  ...extra,
})

describe('formulaKind', () => {
  it('arithmetic and decimals are numbers, text operators text, comparisons true/false', () => {
    expect(formulaKind(formula({ round: [{ '*': [{ var: 'a' }, 1.5] }, 0] }))).toBe('number')
    expect(formulaKind(formula({ var: 'a' }, { decimals: 2 }))).toBe('number')
    expect(formulaKind(formula({ cat: [{ var: 'a' }, ' ', { var: 'b' }] }))).toBe('text')
    expect(formulaKind(formula({ '>=': [{ var: 'a' }, 60] }))).toBe('boolean')
  })

  it('an if is the kind its results share, an empty result aside', () => {
    // the CRM's grade: A/B/C/D, or nothing without a score
    const grade: JsonLogic = {
      if: [{ empty: [{ var: 'score' }] }, null, { '>=': [{ var: 'score' }, 60] }, 'A', 'D'],
    }
    expect(formulaKind(formula(grade))).toBe('text')
    expect(formulaKind(formula({ if: [{ var: 'x' }, 1, 'one'] }))).toBe('unknown')
    expect(formulaKind(formula({ if: [{ var: 'x' }, { '+': [1, 2] }, 0] }))).toBe('number')
  })

  it('a bare var or an unknown shape is unknown, and only formulas have a formula kind', () => {
    expect(formulaKind(formula({ var: 'a' }))).toBe('unknown')
    expect(formulaKind({ key: 'n', type: 'number' })).toBe('unknown')
  })
})
