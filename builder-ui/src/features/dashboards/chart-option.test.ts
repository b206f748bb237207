import type { WidgetDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { chartOption } from './chart-option.js'

type Series = { label: { formatter: (p: unknown) => string; position?: string }; width?: string }
const series = (o: Record<string, unknown>) => (o.series as Series[])[0]!

describe('chart options', () => {
  const name = (k: string) => k
  it('a funnel labels each stage beside it with its count in the locale and the share of the first', () => {
    const o = chartOption(
      { key: 'f', type: 'funnel' } as WidgetDefinition,
      [
        { key: 'Leads', value: '9269' },
        { key: 'Won', value: '211' },
      ],
      name,
      'en',
    )
    expect(series(o).label.position).toBe('right')
    expect(series(o).label.formatter({ name: 'Won', value: 211 })).toBe('Won: 211 (2%)')
    expect(series(o).label.formatter({ name: 'Leads', value: 9269 })).toBe('Leads: 9,269 (100%)')
  })

  it('a donut slice says how many and what share, its name in the legend', () => {
    const o = chartOption(
      { key: 'p', type: 'pie' } as WidgetDefinition,
      [{ key: 'no_budget', value: '88' }],
      name,
      'zh-CN',
    )
    expect(series(o).label.formatter({ name: '没有预算', value: 1088, percent: 26.6 })).toBe('1,088 (27%)')
    // the names are in a legend below, not squeezed beside the slices where they were cut short
    expect(series(o).label.position).toBe('outside')
    expect(o.legend).toMatchObject({ type: 'scroll', bottom: 0 })
  })

  it('bar names tilt and shorten when there are many or long ones', () => {
    const reps = ['Anna Snelling', 'Cecily Lampkin', 'Versie Hillebrand', 'Lajuana Vencill', 'Moses Frase']
    const o = chartOption(
      { key: 'b', type: 'bar' } as WidgetDefinition,
      reps.map((key) => ({ key, value: '1' })),
      name,
    )
    expect((o.xAxis as { axisLabel: Record<string, unknown> }).axisLabel).toMatchObject({
      rotate: 35,
      overflow: 'truncate',
    })
  })

  it('35 reps scroll: the first 12 show side by side and a slider reaches the rest; a few need none', () => {
    const reps = Array.from({ length: 35 }, (_, i) => ({ key: `Rep ${i + 1}`, value: String(100 - i) }))
    const many = chartOption({ key: 'b', type: 'bar' } as WidgetDefinition, reps, name)
    expect(many.dataZoom).toEqual([
      expect.objectContaining({ type: 'slider', startValue: 0, endValue: 11 }),
      expect.objectContaining({ type: 'inside' }),
    ])
    const few = chartOption({ key: 'b', type: 'bar' } as WidgetDefinition, reps.slice(0, 5), name)
    expect(few.dataZoom).toBeUndefined()
  })
})
