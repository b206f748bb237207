import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { leadApp } from '@tessera/runtime'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../app.js'
import { createCli } from '../cli.js'
import { ADMIN, fastPasswords } from '../test-support/test-app.js'
import { openLocal } from './open-local.js'

const SYSTEM = { userId: null, isAdmin: true, system: true, via: 'test' }

/** Runs `tessera ...args` in this process: what it printed (stdout and stderr) and its exit code. */
async function tessera(...args: string[]) {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...l) => void out.push(l.join(' ')))
  const err = vi.spyOn(console, 'error').mockImplementation((...l) => void out.push(l.join(' ')))
  process.exitCode = undefined
  try {
    await createCli()
      .exitOverride()
      .parseAsync(['node', 'tessera', ...args])
    return { code: process.exitCode ?? 0, out: out.join('\n') }
  } finally {
    log.mockRestore()
    err.mockRestore()
    process.exitCode = undefined
  }
}

// The embedded store is opened by each command, as it is from a shell; PostgreSQL adds nothing here.
describe('tessera department and user deactivate|reactivate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-org-'))
  const data = ['--data', dir]
  const ids: Record<string, string> = {}

  // a suite run on PostgreSQL (DATABASE_URL) would point the commands at the shared database
  const databaseUrl = process.env.DATABASE_URL
  beforeAll(async () => {
    process.env.DATABASE_URL = ''
    const local = await openLocal({ data: dir }, { create: true })
    try {
      await local.engine.publish('crm', leadApp(), SYSTEM)
      for (const name of ['lea', 'rep', 'rep2']) {
        const user = await local.store.users.create({ email: `${name}@example.com`, name, passwordHash: 'x' })
        ids[name] = user.id
        // rep is the only East rep, so the hand-off's round robin picks them
        if (name !== 'lea')
          await local.store.memberships.set('crm', user.id, ['sales'], {
            region: name === 'rep' ? 'East' : 'West',
          })
      }
    } finally {
      await local.close()
    }
  }, 120_000)
  afterEach(() => {
    process.exitCode = undefined
  })
  afterAll(() => {
    if (databaseUrl === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = databaseUrl
    rmSync(dir, { recursive: true, force: true })
  })

  it('builds the tree, names heads and members by email, and lists it indented', async () => {
    expect(await tessera('department', 'add', 'company', '--name', 'Company', ...data)).toEqual({
      code: 0,
      out: 'Department company created.',
    })
    expect(
      await tessera('department', 'add', 'east', '--name', 'East', '--parent', 'company', ...data),
    ).toMatchObject({ code: 0, out: 'Department east created under company.' })
    expect((await tessera('department', 'set-head', 'east', 'LEA@example.com', ...data)).out).toBe(
      'LEA@example.com now heads east.',
    )
    expect((await tessera('department', 'add-member', 'east', 'rep@example.com', ...data)).code).toBe(0)
    await tessera('department', 'add-member', 'east', 'rep2@example.com', ...data)
    expect((await tessera('department', 'rename', 'east', 'Sales East', ...data)).code).toBe(0)
    await tessera('department', 'add', 'west', ...data)
    expect((await tessera('department', 'move', 'west', 'company', ...data)).out).toBe(
      'Department west moved under company.',
    )
    expect(await tessera('department', 'list', ...data)).toEqual({
      code: 0,
      out: [
        'company  Company',
        '  east  Sales East  head: lea@example.com  members: rep@example.com, rep2@example.com',
        '  west  west',
      ].join('\n'),
    })
    expect((await tessera('department', 'remove-member', 'east', 'rep2@example.com', ...data)).out).toBe(
      'rep2@example.com is no longer a member of east.',
    )
    expect((await tessera('department', 'move', 'west', '--root', ...data)).code).toBe(0)
    expect((await tessera('department', 'remove', 'west', ...data)).out).toBe('Department west removed.')
    expect((await tessera('department', 'set-head', 'east', '--none', ...data)).out).toBe(
      'east has no head now.',
    )
    expect((await tessera('department', 'set-head', 'east', 'lea@example.com', ...data)).code).toBe(0)
  }, 120_000)

  it('refuses with the reason and a non-zero exit: a cycle, a department not empty, unknown names, bad usage', async () => {
    const cycle = await tessera('department', 'move', 'company', 'east', ...data)
    expect(cycle.code).toBe(1)
    expect(cycle.out).toBe('error: moving company under east would make a cycle (company > east > company)')
    const notEmpty = await tessera('department', 'remove', 'company', ...data)
    expect(notEmpty).toEqual({
      code: 1,
      out: 'error: department company is not empty: 1 sub-departments, 0 members; move or remove them first',
    })
    expect(await tessera('department', 'add', 'east', ...data)).toEqual({
      code: 1,
      out: 'error: the department key east is taken\n  /key: key already taken',
    })
    expect(await tessera('department', 'add', 'x', '--parent', 'nowhere', ...data)).toEqual({
      code: 1,
      out: 'error: no department nowhere',
    })
    expect(await tessera('department', 'add-member', 'east', 'nobody@example.com', ...data)).toEqual({
      code: 1,
      out: 'error: no user nobody@example.com',
    })
    expect((await tessera('department', 'add-member', 'nowhere', 'rep@example.com', ...data)).out).toBe(
      'error: no department nowhere',
    )
    expect((await tessera('department', 'remove', 'nowhere', ...data)).out).toBe(
      'error: no department nowhere',
    )
    expect(await tessera('department', 'move', 'east', ...data)).toEqual({
      code: 1,
      out: 'error: give the new parent, or --root to move it to the root',
    })
    expect((await tessera('department', 'set-head', 'east', 'lea@example.com', '--none', ...data)).code).toBe(
      1,
    )
    // the tree is as the first test left it
    expect((await tessera('department', 'list', ...data)).out).toContain(
      'east  Sales East  head: lea@example.com',
    )
  }, 120_000)

  it('deactivates a user holding open work (saying how much), then reactivates them', async () => {
    const local = await openLocal({ data: dir })
    try {
      const lead = await local.engine.submit(
        'crm',
        'lead',
        { email: 'l1@example.com', region: 'East', score: 80 },
        SYSTEM,
      )
      const q = await local.engine.transition(lead.id, 'qualify', { score: 80 }, SYSTEM, lead.version)
      const handed = await local.engine.transition(q.id, 'hand_off', {}, SYSTEM, q.version)
      expect(handed.assignee).toBe(ids.rep)
    } finally {
      await local.close()
    }
    expect(await tessera('user', 'deactivate', 'rep@example.com', ...data)).toEqual({
      code: 0,
      out: 'rep@example.com deactivated: signed out, left out of every rotation. They hold 1 open item: their manager finds them in the inbox to reassign.',
    })
    expect((await tessera('user', 'deactivate', 'rep@example.com', ...data)).out).toBe(
      'rep@example.com is already deactivated.',
    )
    const check = await openLocal({ data: dir })
    try {
      expect((await check.store.users.byId(ids.rep as string))?.active).toBe(false)
    } finally {
      await check.close()
    }
    expect((await tessera('user', 'reactivate', 'rep@example.com', ...data)).out).toBe(
      'rep@example.com reactivated: they can sign in and take work again.',
    )
    expect(await tessera('user', 'deactivate', 'ghost@example.com', ...data)).toEqual({
      code: 1,
      out: 'error: no user ghost@example.com',
    })
  }, 120_000)

  it('goes through the running server with --url and --token while the data directory is in use', async () => {
    const local = await openLocal({ data: dir })
    const app = await buildApp({
      engine: local.engine,
      store: local.store,
      options: { background: false, passwordCost: fastPasswords, filesDir: join(dir, 'files') },
    })
    try {
      const admin = await local.store.users.create({
        email: ADMIN.email,
        name: 'Admin',
        passwordHash: 'x',
        isAdmin: true,
      })
      const { token } = await local.store.tokens.create(admin.id, 'cli test')
      await app.listen({ port: 0, host: '127.0.0.1' })
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      const remote = [...data, '--url', url, '--token', token]

      const locked = await tessera('department', 'list', ...data)
      expect(locked.code).toBe(2)
      expect(locked.out).toContain('Pass --url and --token')
      expect(
        (await tessera('department', 'add', 'north', '--name', 'North', '--parent', 'company', ...remote))
          .out,
      ).toBe('Department north created under company.')
      expect((await tessera('department', 'add-member', 'north', 'rep2@example.com', ...remote)).code).toBe(0)
      expect((await tessera('department', 'list', ...remote)).out).toContain(
        '  north  North  members: rep2@example.com',
      )
      const cycle = await tessera('department', 'move', 'company', 'north', ...remote)
      expect(cycle.code).toBe(1)
      expect(cycle.out).toContain('would make a cycle')
      expect(
        (await tessera('department', 'remove-member', 'north', 'rep2@example.com', ...remote)).code,
      ).toBe(0)
      expect((await tessera('department', 'remove', 'north', ...remote)).out).toBe(
        'Department north removed.',
      )
      expect((await tessera('user', 'deactivate', 'rep2@example.com', ...remote)).out).toBe(
        'rep2@example.com deactivated: signed out, left out of every rotation.',
      )
      expect((await tessera('user', 'reactivate', 'rep2@example.com', ...remote)).code).toBe(0)
      expect((await local.store.users.byId(ids.rep2 as string))?.active).toBe(true)
    } finally {
      await app.close()
      await local.close()
    }
  }, 120_000)
})
