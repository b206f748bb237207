import type { FormDefinition, WorkflowDefinition } from '@tessera/schemas'
import type { ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import type { RecordView } from '../../api/wire-types.js'
import type { I18n } from '../../i18n/i18n-context.js'
import { buildColumns } from './record-columns.js'

const form: FormDefinition = {
  key: 'lead',
  title: 'Lead',
  fields: [
    { key: 'name', type: 'text', label: 'Name' },
    { key: 'company', type: 'text', label: 'Company' },
  ],
}
const workflow = {
  key: 'lead',
  form: 'lead',
  initial: 'accepted',
  states: [{ key: 'accepted', label: 'Accepted (SALES)' }],
  transitions: [],
} as unknown as WorkflowDefinition
const i18n = {
  t: (k: string) => k,
  label: (l: unknown, k?: string) => (typeof l === 'string' ? l : (k ?? '')),
  lang: 'en',
} as unknown as I18n
const long = 'X'.repeat(120)
const record = {
  id: 'r1',
  state: 'accepted',
  assignee: 'u1',
  data: { name: long, company: `${long}Co` },
} as unknown as RecordView

type Cell = ReactElement<{ className?: string; title?: string }>

describe('record table columns', () => {
  it('clip every text cell to one ellipsized line with the whole text as its title', () => {
    const cols = buildColumns(['name', 'company', 'state', 'assignee'], {
      i18n,
      form,
      workflow,
      userName: () => 'Ana Rep',
    })
    const cells = cols.map((c) => c.render?.(undefined, record, 0) as Cell)
    expect(cells.map((c) => [c.props.className, c.props.title])).toEqual([
      ['cell-clip', long],
      ['cell-clip', `${long}Co`],
      ['cell-clip', 'Accepted (SALES)'],
      ['cell-clip', 'Ana Rep'],
    ])
  })

  it('keep room for the state and the assignee', () => {
    const cols = buildColumns(['state', 'assignee'], { i18n, form, workflow, userName: () => undefined })
    expect(cols.map((c) => (c.minWidth ?? 0) >= 150)).toEqual([true, true])
  })
})
