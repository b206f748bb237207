import { describe, expect, it } from 'vitest'
import { isWithin } from './path-within.js'

describe('isWithin', () => {
  it('counts the editor’s own tabs as within it, and a look-alike app as outside', () => {
    expect(isWithin('/builder/crm', '/builder/crm')).toBe(true)
    expect(isWithin('/builder/crm/workflows', '/builder/crm')).toBe(true)
    expect(isWithin('/builder/crm2/forms', '/builder/crm')).toBe(false)
    expect(isWithin('/builder', '/builder/crm')).toBe(false)
    expect(isWithin('/apps', '/builder/crm')).toBe(false)
  })
})
