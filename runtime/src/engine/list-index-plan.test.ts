import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { listIndexPlan } from './list-index-plan.js'

const app: AppDefinition = {
  key: 'plan',
  name: 'Plan',
  roles: [{ key: 'staff' }],
  forms: [
    {
      key: 'item',
      title: 'Item',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'score', type: 'integer', label: 'Score' },
        { key: 'due', type: 'date', label: 'Due' },
        { key: 'tags', type: 'multiselect', label: 'Tags', options: [{ value: 'a' }] },
        { key: 'status', type: 'select', label: 'Status', options: [{ value: 'a' }] },
        { key: 'double', type: 'formula', label: 'Double', expression: { '*': [{ var: 'score' }, 2] } },
        { key: 'note', type: 'textarea', label: 'Note' },
      ],
    },
  ],
  views: [
    { key: 'ranked', form: 'item', sort: '-score,title' },
    { key: 'by_title', form: 'item', sort: 'title', filter: { score: { gte: 1 }, status: 'a' } },
    { key: 'by_due', form: 'item', sort: '-due', filter: { tags: 'a' } },
    { key: 'newest', form: 'item', sort: '-created_at' },
  ],
}

describe('listIndexPlan', () => {
  it('wants the first sort key of each view, the number fields views filter on, and numeric formulas', () => {
    const plan = listIndexPlan(app).map((w) => `${w.form}.${w.field}`)
    expect(plan.sort()).toEqual(['item.double', 'item.score', 'item.title'])
  })

  it('wants nothing for an app without views or numeric formulas', () => {
    expect(
      listIndexPlan({
        ...app,
        views: [],
        forms: [{ ...app.forms[0]!, fields: app.forms[0]!.fields.slice(0, 3) }],
      }),
    ).toEqual([])
  })
})
