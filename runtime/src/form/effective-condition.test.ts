import type { FieldDefinition, JsonLogic } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { effectiveCondition } from './effective-condition.js'

const fields: FieldDefinition[] = [
  { key: 'a', type: 'boolean' },
  { key: 'b', type: 'text', visibleWhen: { var: 'a' } },
  { key: 'n', type: 'integer' },
  { key: 'fee', type: 'money' },
  { key: 'twice', type: 'formula', expression: { '*': [{ var: 'n' }, 2] } },
]

describe('effectiveCondition', () => {
  it('reads a conditionally visible field as absent while it is hidden', () => {
    expect(effectiveCondition({ var: 'b' }, fields)).toEqual({ if: [{ var: 'a' }, { var: 'b' }, null] })
  })
  it('reads a formula as its expression over the fields as stored', () => {
    expect(effectiveCondition({ '>': [{ var: 'twice' }, 4] }, fields)).toEqual({
      '>': [{ '*': [{ if: [{ '==': [{ var: 'n' }, 0] }, 0, { var: 'n' }] }, 2] }, 4],
    })
  })
  it('reads decimals as stored strings and keeps a var default', () => {
    expect(effectiveCondition({ var: ['fee', 1] }, fields)).toEqual({
      if: [
        { '==': [{ if: [{ '==': [{ var: ['fee'] }, null] }, null, { cat: [{ var: ['fee'] }] }] }, null] },
        1,
        { if: [{ '==': [{ var: ['fee'] }, null] }, null, { cat: [{ var: ['fee'] }] }] },
      ],
    })
  })
  it('leaves item variables of map/filter alone and unknown names as they are', () => {
    const logic: JsonLogic = { some: [{ var: 'rows' }, { '==': [{ var: 'b' }, 'x'] }] }
    expect(effectiveCondition(logic, fields)).toEqual(logic)
    expect(effectiveCondition({ var: '$user' }, fields)).toEqual({ var: '$user' })
  })
})
