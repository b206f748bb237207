import type { FormDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { draftReducer, displayOrder } from '../draft/draft-reducer.js'
import { containerId, dropPlace, fieldId, paletteId, readSource } from './drag-ids.js'
import { newField } from './new-field.js'

const form: FormDefinition = {
  key: 'f',
  title: 'F',
  fields: ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, type: 'text' as const })),
  layout: [{ section: 'S', fields: ['a', 'b', 'c'] }],
}

function drop(activeId: string, overId: string) {
  const place = dropPlace(form, activeId, overId)
  const source = readSource(activeId)
  if (!place || source?.kind !== 'field') return null
  const app = { key: 'x', name: 'x', roles: [], forms: [form] }
  return displayOrder(
    draftReducer(app, { type: 'field/move', form: 'f', field: source.key, place }).forms[0]!,
  )
}

describe('drop places', () => {
  it('reads the ids back', () => {
    expect(readSource(paletteId('date'))).toEqual({ kind: 'palette', type: 'date' })
    expect(readSource(fieldId('a'))).toEqual({ kind: 'field', key: 'a' })
    expect(readSource(containerId(0))).toBeNull()
  })

  it('moves a card down and up within a section like a sortable list', () => {
    expect(drop(fieldId('a'), fieldId('c'))?.sections[0]).toEqual(['b', 'c', 'a'])
    expect(drop(fieldId('c'), fieldId('a'))?.sections[0]).toEqual(['c', 'a', 'b'])
  })

  it('moves a card into another container before the card it is dropped on', () => {
    expect(drop(fieldId('e'), fieldId('b'))).toEqual({ sections: [['a', 'e', 'b', 'c']], rest: ['d'] })
    expect(drop(fieldId('a'), fieldId('d'))).toEqual({ sections: [['b', 'c']], rest: ['a', 'd', 'e'] })
  })

  it('drops onto a container at its end', () => {
    expect(drop(fieldId('a'), containerId(null))).toEqual({ sections: [['b', 'c']], rest: ['d', 'e', 'a'] })
    expect(dropPlace(form, paletteId('text'), containerId(0))).toEqual({ section: 0, index: 3 })
  })

  it('inserts a palette type before the card it is dropped on', () => {
    expect(dropPlace(form, paletteId('date'), fieldId('b'))).toEqual({ section: 0, index: 1 })
  })

  it('ignores a card dropped on itself or on nothing known', () => {
    expect(dropPlace(form, fieldId('a'), fieldId('a'))).toBeNull()
    expect(dropPlace(form, fieldId('a'), containerId(7))).toBeNull()
    expect(dropPlace(form, 'nonsense', fieldId('a'))).toBeNull()
  })
})

describe('newField', () => {
  it('gives each type what it cannot do without, under a free key', () => {
    expect(newField('select', { en: 'Kind' }, ['kind'])).toMatchObject({ key: 'kind_2', type: 'select' })
    expect(newField('select', 'Kind', []).options).toHaveLength(2)
    expect(newField('serial', 'No', []).format).toMatch(/\{0+\}/)
    expect(newField('subform', 'Items', []).fields).toEqual([])
    expect(newField('text', { 'zh-CN': '名称' }, [])).toEqual({
      key: 'text',
      type: 'text',
      label: { 'zh-CN': '名称' },
    })
  })
})
