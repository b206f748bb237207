import type { WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import type { RecordView } from '../../api/wire-types.js'
import { sortByDue } from '../inbox/sort-by-due.js'
import { moveRow } from '../forms/widgets/move-row.js'
import { changedFields } from './changed-fields.js'
import { findTransition } from './kanban-moves.js'
import { filtersFromSearch, searchFromTable, toServerFilter, toServerSort } from './list-filter.js'

const rec = (id: string, dueAt: string | null, updatedAt = '2026-01-01T00:00:00Z'): RecordView => ({
  id,
  app: 'crm',
  form: 'lead',
  formVersion: 1,
  state: 'new',
  version: 1,
  data: {},
  owner: null,
  assignee: null,
  createdAt: updatedAt,
  updatedAt,
  dueAt,
})

describe('records helpers', () => {
  it('turns column filters into the server filter JSON, leaving empty ones out', () => {
    expect(
      toServerFilter({
        grade: { kind: 'in', values: ['A'] },
        score: { kind: 'range', from: '60' },
        amount: { kind: 'range', from: '1', to: '2' },
        name: { kind: 'text', contains: '  ' },
        vip: { kind: 'bool', value: false },
      }),
    ).toEqual({
      grade: { in: ['A'] },
      score: { gte: '60' },
      amount: { between: ['1', '2'] },
      vip: { eq: false },
    })
    expect(toServerSort('score', 'descend')).toBe('-score')
    expect(toServerSort('score', null)).toBeUndefined()
  })

  it('a kanban drop maps to the person-fired transition between the two states, never a system one', () => {
    const wf: WorkflowDefinition = {
      key: 'w',
      form: 'lead',
      initial: 'new',
      states: [{ key: 'new' }, { key: 'qualified' }, { key: 'lost' }],
      transitions: [
        { key: 'qualify', from: ['new'], to: 'qualified', roles: ['ops'] },
        { key: 'expire', from: ['qualified'], to: 'lost', roles: [] },
      ],
    }
    expect(findTransition(wf, 'new', 'qualified')?.key).toBe('qualify')
    expect(findTransition(wf, 'qualified', 'lost')).toBeUndefined()
    expect(findTransition(wf, 'new', 'lost')).toBeUndefined()
  })

  it('the conflict dialog names exactly the fields that changed', () => {
    expect(
      changedFields({ a: 1, b: { x: 1, y: 2 }, c: 'same' }, { a: 2, b: { y: 2, x: 1 }, c: 'same', d: true }),
    ).toEqual(['a', 'd'])
  })

  it('the inbox puts the most overdue first and records without an SLA last', () => {
    const items = [
      rec('none', null),
      rec('later', '2026-05-02T00:00:00Z'),
      rec('overdue', '2026-01-02T00:00:00Z'),
    ]
    expect(sortByDue(items, Date.parse('2026-03-01T00:00:00Z')).map((r) => r.id)).toEqual([
      'overdue',
      'later',
      'none',
    ])
  })

  it('moves subform rows up and down without losing any', () => {
    expect(moveRow(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b'])
    expect(moveRow(['a', 'b'], 0, 5)).toEqual(['a', 'b'])
  })
})

describe('formula filters', () => {
  it('a grade formula of if-branches is filtered by its values; an arithmetic one by range', async () => {
    const { formulaChoices } = await import('./list-filter.js')
    expect(
      formulaChoices({ if: [{ '>=': [{ var: 's' }, 60] }, 'A', { '>=': [{ var: 's' }, 40] }, 'B', 'D'] }),
    ).toEqual(['A', 'B', 'D'])
    expect(
      formulaChoices({ if: [{ empty: [{ var: 's' }] }, null, { '>=': [{ var: 's' }, 60] }, 'A', 'D'] }),
    ).toEqual(['A', 'D'])
    expect(formulaChoices({ '+': [{ var: 'a' }, 1] })).toBeNull()
  })
})

describe('the table setup in the address', () => {
  it('round-trips filters, sort and search, and keeps other parameters', () => {
    const filters = {
      grade: { kind: 'in' as const, values: ['A', 'B'] },
      name: { kind: 'text' as const, contains: 'ana' },
      score: { kind: 'range' as const, from: '60', to: '80' },
      consent: { kind: 'bool' as const, value: true },
      owner: { kind: 'empty' as const },
    }
    const url = searchFromTable(new URLSearchParams('view=leads_all&in.old=x'), filters, '-score', 'acme')
    expect(url.get('view')).toBe('leads_all')
    expect(url.get('in.old')).toBeNull()
    expect(url.get('sort')).toBe('-score')
    expect(url.get('search')).toBe('acme')
    expect(filtersFromSearch(url)).toEqual(filters)
  })
})
