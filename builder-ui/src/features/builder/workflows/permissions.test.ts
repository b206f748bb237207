import { describe, expect, it } from 'vitest'
import { setAccess } from './permissions.js'

describe('setAccess', () => {
  it('sets one field and keeps the others', () => {
    expect(setAccess({ a: 'edit' }, 'b', { sales: 'edit', '*': 'hidden' })).toEqual({
      a: 'edit',
      b: { sales: 'edit', '*': 'hidden' },
    })
  })

  it('drops the map when the last field returns to the default', () => {
    expect(setAccess({ a: 'read' }, 'a', undefined)).toBeUndefined()
    expect(setAccess(undefined, 'a', 'required')).toEqual({ a: 'required' })
  })
})
