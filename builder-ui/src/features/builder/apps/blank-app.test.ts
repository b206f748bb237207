import type { AppDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { blankApp, copyOfTemplate } from './blank-app.js'

describe('new apps', () => {
  it('starts a blank app with one empty form', () => {
    expect(blankApp('repair', 'Repair', 'Main form')).toEqual({
      key: 'repair',
      name: 'Repair',
      roles: [],
      forms: [{ key: 'main', title: 'Main form', fields: [] }],
      workflows: [],
      views: [],
    })
  })

  it('copies a template under a new key without touching the original', () => {
    const crm: AppDefinition = { key: 'crm', name: 'CRM', version: 3, roles: [{ key: 'sales' }], forms: [] }
    const copy = copyOfTemplate(crm, 'crm_east', { en: 'CRM East' })
    expect(copy).toEqual({ key: 'crm_east', name: { en: 'CRM East' }, roles: [{ key: 'sales' }], forms: [] })
    expect(crm.key).toBe('crm')
    expect(copy.roles).not.toBe(crm.roles)
  })
})
