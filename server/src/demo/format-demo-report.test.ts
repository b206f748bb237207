import { describe, expect, it } from 'vitest'
import { sourceRows } from './format-demo-report.js'

const row = (leads: number) => ({ leads, mql: leads - 1, sal: 1, opportunity: 1, won: 0 })

describe('the demo funnel by source', () => {
  it('shows the largest sources, then the rest in one row, so the rows add up to every lead', () => {
    const bySource = { Google: row(50), Direct: row(40), Chat: row(30), Click2call: row(3), Social: row(2) }
    const rows = sourceRows(bySource, 3)
    expect(rows.map(([name]) => name)).toEqual([
      'source Google',
      'source Direct',
      'source Chat',
      '2 other sources',
    ])
    expect(rows.at(-1)?.[1]).toEqual({ leads: 5, mql: 3, sal: 2, opportunity: 2, won: 0 })
    expect(rows.reduce((n, [, r]) => n + r.leads, 0)).toBe(125)
    expect(sourceRows({ Google: row(5) }).map(([name]) => name)).toEqual(['source Google'])
  })
})
