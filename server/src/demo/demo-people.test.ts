import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIdentityStore, leadApp } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../auth/passwords.js'
import { type LocalRuntime, openLocal } from '../cli/open-local.js'
import { fastPasswords } from '../test-support/test-app.js'
import { DEMO_PASSWORD, demoInputFiles, missingDemoInput, setDemoPasswords } from './demo-people.js'

describe('the demo’s people', () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-demo-people-'))
  let local: LocalRuntime
  const databaseUrl = process.env.DATABASE_URL
  beforeAll(async () => {
    // the embedded store is enough: this is about who gets which password
    process.env.DATABASE_URL = ''
    local = await openLocal({ data: join(root, 'data') }, { create: true })
    await local.engine.publish('crm', leadApp(), { userId: null, isAdmin: true, system: true, via: 'test' })
  }, 60_000)
  afterAll(async () => {
    await local.close()
    if (databaseUrl === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = databaseUrl
    rmSync(root, { recursive: true, force: true })
  })

  it('gives the simulated people the demo password, never an admin nor someone who has one', async () => {
    const { store } = local
    // the demo and the importer make people without a password, as the identity store does here
    const identity = createIdentityStore(local.runtime.db)
    const add = async (email: string, roles: string[], isAdmin = false) => {
      const user = await identity.createUser({ email, name: email, isAdmin })
      await store.memberships.set('crm', user.id, roles, {})
    }
    await add('rep@example.com', ['sales'])
    await add('boss@example.com', ['sales_manager'])
    await add('ops@example.com', ['operations'])
    await add('admin@example.com', ['admin'], true)
    const own = await store.users.create({
      email: 'own@example.com',
      name: 'Own',
      passwordHash: 'their own hash',
    })
    await store.memberships.set('crm', own.id, ['sales'], {})

    const people = await setDemoPasswords(store, fastPasswords)
    expect(people).toEqual([
      { role: 'sales', email: 'rep@example.com' },
      { role: 'sales_manager', email: 'boss@example.com' },
      { role: 'operations', email: 'ops@example.com' },
    ])
    for (const email of ['rep@example.com', 'boss@example.com', 'ops@example.com'])
      expect(await verifyPassword((await store.users.byEmail(email))?.passwordHash, DEMO_PASSWORD)).toBe(true)
    expect((await store.users.byEmail('admin@example.com'))?.passwordHash).toBeNull()
    expect(
      (await store.users.byId(own.id)) && (await store.users.byEmail('own@example.com'))?.passwordHash,
    ).toBe('their own hash')
  })

  it('names what the demo folder lacks', () => {
    const dir = join(root, 'input')
    expect(missingDemoInput(dir)).toBe(`no folder at ${dir}`)
    mkdirSync(dir)
    const [first, ...rest] = demoInputFiles()
    expect(missingDemoInput(dir)).toMatch(new RegExp(`has no ${first}`))
    for (const f of [first!, ...rest]) writeFileSync(join(dir, f), 'a,b\n1,2\n')
    expect(missingDemoInput(dir)).toBeNull()
    writeFileSync(join(dir, 'leads-education.csv'), '')
    expect(missingDemoInput(dir)).toBe(`${join(dir, 'leads-education.csv')} is empty`)
  })
})
