import { describe, expect, it } from 'vitest'
import { notFilteredBy, widgetFilterSource } from './widget-filters.js'

const withRegion = { fields: [{ key: 'region', type: 'select' as const }] }
const withoutRegion = { fields: [{ key: 'sales_rep', type: 'user' as const }] }

describe('dashboard filters a widget can apply', () => {
  it("reads the region from the form's region field", () => {
    expect(widgetFilterSource({}, withRegion, 'region')).toEqual({ field: 'region' })
    expect(notFilteredBy({}, withRegion)).toEqual([])
  })

  it('reads it where filterBy says, before a field of that name', () => {
    const filterBy = { region: { field: 'sales_rep', memberAttribute: 'region' } }
    expect(widgetFilterSource({ filterBy }, withoutRegion, 'region')).toEqual(filterBy.region)
    expect(widgetFilterSource({ filterBy }, withRegion, 'region')).toEqual(filterBy.region)
  })

  it('names the filter a widget without either cannot apply', () => {
    expect(widgetFilterSource({}, withoutRegion, 'region')).toBeUndefined()
    expect(notFilteredBy({}, withoutRegion)).toEqual(['region'])
  })
})
