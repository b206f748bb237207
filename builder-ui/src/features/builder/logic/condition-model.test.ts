import { describe, expect, it } from 'vitest'
import { type ConditionGroup, fromLogic, operatorsFor, toLogic } from './condition-model.js'

describe('condition model', () => {
  it('writes the DESIGN.md example condition and reads it back', () => {
    const logic = { '==': [{ var: 'source' }, 'event'] }
    const tree = fromLogic(logic)
    expect(tree).toEqual({
      kind: 'group',
      combinator: 'and',
      children: [{ kind: 'rule', field: 'source', operator: 'eq', value: 'event' }],
    })
    expect(tree && toLogic(tree)).toEqual(logic)
  })

  it('round-trips nested AND/OR groups with every operator', () => {
    const tree: ConditionGroup = {
      kind: 'group',
      combinator: 'or',
      children: [
        { kind: 'rule', field: 'score', operator: 'gte', value: 60 },
        {
          kind: 'group',
          combinator: 'and',
          children: [
            { kind: 'rule', field: 'source', operator: 'in', value: ['web', 'event'] },
            { kind: 'rule', field: 'source', operator: 'notIn', value: ['ad'] },
            { kind: 'rule', field: 'tags', operator: 'contains', value: 'vip' },
            { kind: 'rule', field: 'note', operator: 'empty' },
            { kind: 'rule', field: 'email', operator: 'notEmpty' },
            { kind: 'rule', field: 'urgent', operator: 'isTrue' },
            { kind: 'rule', field: 'paid', operator: 'isFalse' },
            { kind: 'rule', field: 'due', operator: 'lt', value: '2026-01-01' },
            { kind: 'rule', field: 'n', operator: 'ne', value: 3 },
          ],
        },
      ],
    }
    const logic = toLogic(tree)
    expect(logic).toMatchObject({ or: [{ '>=': [{ var: 'score' }, 60] }, { and: expect.any(Array) }] })
    expect(fromLogic(logic)).toEqual(tree)
  })

  it('writes nothing for an empty tree and drops rules without a field', () => {
    expect(toLogic({ kind: 'group', combinator: 'and', children: [] })).toBeUndefined()
    expect(
      toLogic({
        kind: 'group',
        combinator: 'and',
        children: [
          { kind: 'rule', field: '', operator: 'eq', value: 1 },
          { kind: 'rule', field: 'a', operator: 'eq', value: 1 },
        ],
      }),
    ).toEqual({ '==': [{ var: 'a' }, 1] })
  })

  it('reads an absent condition as an empty group', () => {
    expect(fromLogic(undefined)).toEqual({ kind: 'group', combinator: 'and', children: [] })
  })

  it('refuses logic it cannot show, so the JSON view keeps it intact', () => {
    expect(fromLogic(true)).toBeNull()
    expect(fromLogic({ '>': [{ '+': [{ var: 'a' }, 1] }, 3] })).toBeNull()
    expect(fromLogic({ and: [{ '==': [{ var: 'a' }, 1] }, { if: [true, 1, 2] }] })).toBeNull()
    expect(fromLogic({ '==': [{ var: 'a' }, 1], '!=': [{ var: 'b' }, 2] })).toBeNull()
  })

  it('offers operators fitting the field type', () => {
    expect(operatorsFor('select')).toContain('in')
    expect(operatorsFor('select')).not.toContain('gt')
    expect(operatorsFor('date')).toContain('lt')
    expect(operatorsFor('boolean')).toEqual(['isTrue', 'isFalse', 'empty'])
    expect(operatorsFor('multiselect')).toContain('contains')
  })
})
