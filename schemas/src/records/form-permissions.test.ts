import type { FormDefinition } from '../app-definition.js'
import { describe, expect, it } from 'vitest'
import { mayBulk, mayCreateIn } from './form-permissions.js'

const open: FormDefinition = { key: 'ticket', title: 'Ticket', fields: [] }
const lead: FormDefinition = {
  key: 'lead',
  title: 'Lead',
  fields: [],
  permissions: {
    ops: { create: true, import: true },
    rep: { read: 'own', export: false },
    '*': { read: 'all' },
  },
}

describe('mayBulk', () => {
  it('hides export from a role the form denies it, and import from one it does not grant', () => {
    expect(mayBulk(lead, { isAdmin: false, roles: ['rep'] }, 'export')).toBe(false)
    expect(mayBulk(lead, { isAdmin: false, roles: ['rep'] }, 'import')).toBe(false)
    expect(mayBulk(lead, { isAdmin: false, roles: ['ops'] }, 'import')).toBe(true)
    expect(mayBulk(lead, { isAdmin: false, roles: ['ops'] }, 'export')).toBe(true)
    expect(mayBulk(lead, { isAdmin: false, roles: ['rep', 'ops'] }, 'export')).toBe(true)
  })

  it('lets every member export a form without permissions, but only the admin import it', () => {
    expect(mayBulk(open, { isAdmin: false, roles: ['agent'] }, 'export')).toBe(true)
    expect(mayBulk(open, { isAdmin: false, roles: ['agent'] }, 'import')).toBe(false)
    expect(mayBulk(open, { isAdmin: false, roles: undefined }, 'export')).toBe(false)
    expect(mayBulk(lead, { isAdmin: true, roles: undefined }, 'import')).toBe(true)
  })
})

describe('mayCreateIn', () => {
  const form = (permissions?: FormDefinition['permissions']) =>
    ({ key: 'f', title: 'F', fields: [], ...(permissions ? { permissions } : {}) }) as FormDefinition
  it('follows the server: admin always, a member by their roles or *, only false denies', () => {
    const perms = {
      ops: { create: true },
      rep: { create: false },
      '*': { create: false },
    } as unknown as FormDefinition['permissions']
    expect(mayCreateIn(form(perms), { isAdmin: true, roles: undefined })).toBe(true)
    expect(mayCreateIn(form(perms), { isAdmin: false, roles: undefined })).toBe(false)
    expect(mayCreateIn(form(perms), { isAdmin: false, roles: ['rep'] })).toBe(false)
    expect(mayCreateIn(form(perms), { isAdmin: false, roles: ['rep', 'ops'] })).toBe(true)
    expect(mayCreateIn(form(perms), { isAdmin: false, roles: ['guest'] })).toBe(false)
    expect(mayCreateIn(form(), { isAdmin: false, roles: ['guest'] })).toBe(true)
    expect(
      mayCreateIn(form({ '*': { read: 'all' } } as unknown as FormDefinition['permissions']), {
        isAdmin: false,
        roles: ['guest'],
      }),
    ).toBe(true)
  })
})
