import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { isTesseraError } from '../errors.js'
import { openDatabase } from './dialect.js'
import { createIdentityStore } from './identity-store.js'
import { migrateToLatest } from './migrate.js'
import { distributionKeysMigration } from './migrations/0010-distribution-keys.js'
import { isUnavailable } from './pg-errors.js'
import { testDatabases } from './test-databases.js'

for (const target of testDatabases()) {
  describe(`store on ${target.kind}`, () => {
    afterAll(() => target.dispose())

    it('C5: numerics stay decimal strings, bigints exact, sums exact, counts numbers', async () => {
      const { db } = await target.open()
      const r = await sql<{
        amount: string
        ext: string | number
        total: string
        n: number
        big: string | number
      }>`
        select '12345678901.23'::numeric(14,2) as amount,
               9007199254740993::bigint as ext,
               (select sum(v) from (values ('0.10'::numeric), ('0.20'::numeric)) t(v)) as total,
               (select count(*) from app) as n,
               (select (data->>'x')::bigint from (select '{"x": "9007199254740993"}'::jsonb as data) d) as big`.execute(
        db,
      )
      const row = r.rows[0]
      expect(row?.amount).toBe('12345678901.23')
      expect(row?.ext).toBe('9007199254740993')
      expect(row?.total).toBe('0.30')
      expect(row?.n).toBe(0)
      expect(typeof row?.n).toBe('number')
      expect(row?.big).toBe('9007199254740993')
    })

    it('migrations are idempotent when run again', async () => {
      const a = await target.open()
      const b = await target.open()
      const tables = await sql<{
        n: number
      }>`select count(*)::int as n from information_schema.tables where table_name = 'record'`.execute(b.db)
      expect(tables.rows[0]?.n).toBeGreaterThanOrEqual(1)
      expect(a.kind).toBe(target.kind)
    })

    it('two stores opening a fresh database at once both migrate it safely', async () => {
      const fresh = testDatabases().find((t) => t.kind === target.kind)
      if (!fresh) return
      try {
        const stores = await Promise.all([fresh.open(), fresh.open()])
        for (const s of stores) {
          const r = await sql<{ n: number; names: number }>`
            select count(*)::int as n, count(distinct name)::int as names from kysely_migration`.execute(s.db)
          expect(r.rows[0]?.n).toBeGreaterThanOrEqual(1)
          expect(r.rows[0]?.n).toBe(r.rows[0]?.names)
        }
      } finally {
        await fresh.dispose()
      }
    })

    it('a database whose server tables an older server made upgrades to 0003 and keeps their rows', async () => {
      const { db, kind } = await target.open()
      // such a database predates the distribution keys too
      await distributionKeysMigration.down?.(db as Kysely<unknown>)
      const rec = await db
        .insertInto('record')
        .values({
          app: 'crm',
          form: 'lead',
          form_version: 1,
          owner: null,
          created_at: new Date(),
          updated_at: new Date(),
          data: '{}',
          external_key: null,
          duplicate_of: null,
          deleted_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await sql`insert into record_comment (record_id, body) values (${rec.id}, 'kept')`.execute(db)
      await sql`insert into public_link (token_hash, token, app, form) values ('h', 't', 'crm', 'lead')`.execute(
        db,
      )
      // as before 0003: the tables exist (made at server start), the migration is not recorded
      await sql`delete from kysely_migration where name = '0003-server-tables'`.execute(db)
      // and without what later migrations made, as such a database would be
      await sql`drop table department_member, department, saved_view, notification, login_attempt, list_index`.execute(
        db,
      )
      await sql`delete from kysely_migration where name > '0003-server-tables'`.execute(db)
      await migrateToLatest(db, kind)
      const r = await sql<{ comments: number; links: number; recorded: number }>`
        select (select count(*)::int from record_comment where body = 'kept') as comments,
               (select count(*)::int from public_link) as links,
               (select count(*)::int from kysely_migration where name = '0003-server-tables') as recorded`.execute(
        db,
      )
      expect(r.rows[0]).toEqual({ comments: 1, links: 1, recorded: 1 })
    })

    it('users: normalized unique email, sessions expire, tokens are hashed and revocable', async () => {
      const { db } = await target.open()
      const ids = createIdentityStore(db)
      const ana = await ids.createUser({ email: ' Ana.Silva@Example.com ', name: 'Ana', passwordHash: 'h' })
      expect(ana.email).toBe('Ana.Silva@Example.com')
      expect((await ids.findUserByEmail('ana.silva@example.COM'))?.id).toBe(ana.id)
      const dup = await ids
        .createUser({ email: 'ANA.SILVA@example.com', name: 'Again' })
        .catch((e: unknown) => e)
      expect(isTesseraError(dup) && dup.code).toBe('UNIQUE_VIOLATION')

      const now = new Date('2026-01-01T00:00:00Z')
      const s = await ids.createSession(ana.id, 60_000, now)
      expect((await ids.findSession(s.token, new Date(now.getTime() + 1000)))?.user.id).toBe(ana.id)
      expect(await ids.findSession(s.token, new Date(now.getTime() + 61_000))).toBeUndefined()
      const stored = await db.selectFrom('session').select('id').execute()
      expect(stored.map((x) => x.id)).not.toContain(s.token)

      const t = await ids.createApiToken(ana.id, 'ci')
      expect((await ids.findApiToken(t.token))?.user.id).toBe(ana.id)
      expect(await ids.revokeApiToken(t.id)).toBe(true)
      expect(await ids.findApiToken(t.token)).toBeUndefined()

      await ids.setActive(ana.id, false)
      const s2 = await ids.createSession(ana.id, 60_000)
      expect(await ids.findSession(s2.token)).toBeUndefined()
      expect(await ids.getUser('not-a-uuid')).toBeUndefined()
    })

    it('memberships keep roles and attributes and list in join order', async () => {
      const { db } = await target.open()
      const ids = createIdentityStore(db)
      await db.insertInto('app').values({ key: 'crm', name: '"CRM"' }).execute()
      const a = await ids.createUser({ email: 'a@x.io', name: 'A' })
      const b = await ids.createUser({ email: 'b@x.io', name: 'B' })
      await ids.setMembership('crm', b.id, { roles: ['sales'], attributes: { region: 'East' } })
      await ids.setMembership('crm', a.id, { roles: ['operations'] })
      await ids.setMembership('crm', b.id, { roles: ['sales', 'operations'], attributes: { region: 'West' } })
      const members = await ids.listMembers('crm')
      expect(members.map((m) => m.user.name)).toEqual(['B', 'A'])
      expect(members[0]?.roles).toEqual(['sales', 'operations'])
      expect(members[0]?.attributes).toEqual({ region: 'West' })
    })

    it('membershipAndTeam answers what getMembership and teamOf answer, in one statement', async () => {
      const { db } = await target.open()
      const ids = createIdentityStore(db)
      await db.insertInto('app').values({ key: 'desk', name: '"Desk"' }).execute()
      const boss = await ids.createUser({ email: 'boss@x.io', name: 'Boss' })
      const rep = await ids.createUser({ email: 'rep@x.io', name: 'Rep' })
      const outsider = await ids.createUser({ email: 'out@x.io', name: 'Out' })
      await ids.setMembership('desk', boss.id, { roles: ['manager'], attributes: { region: 'East' } })
      await ids.setMembership('desk', rep.id, { roles: ['sales'], attributes: { manager: boss.id } })
      for (const user of [boss, rep, outsider]) {
        const both = await ids.membershipAndTeam('desk', user.id)
        expect(both.membership).toEqual(await ids.getMembership('desk', user.id))
        expect(both.team).toEqual(await ids.teamOf('desk', user.id))
      }
      expect((await ids.membershipAndTeam('desk', boss.id)).team).toEqual([rep.id])
      expect(await ids.membershipAndTeam('desk', outsider.id)).toEqual({ membership: undefined, team: [] })
      expect(await ids.membershipAndTeam('desk', 'not-a-uuid')).toEqual({ membership: undefined, team: [] })
    })
  })
}

describe('isUnavailable', () => {
  it('tells an unreachable or restarting database from a refused statement', () => {
    expect(isUnavailable({ code: '57P01' })).toBe(true)
    expect(
      isUnavailable(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true)
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isUnavailable({ code: '23505' })).toBe(false)
    expect(isUnavailable(new Error('syntax error'))).toBe(false)
  })
})

describe('embedded data directory', () => {
  it('is refused to a second opener while the first lives, and taken over when stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-lock-'))
    try {
      const first = await openDatabase({ dataDir: dir })
      const second = await openDatabase({ dataDir: dir }).catch((e: unknown) => e)
      // the lock holds our own pid; a second opener in this process is the same case as another process
      expect(isTesseraError(second) ? second.code : second).toBe('STORE_LOCKED')
      await first.close()
      expect(() => readFileSync(join(dir, 'tessera.lock'))).toThrow()
      // a lock left by a dead process
      writeFileSync(join(dir, 'tessera.lock'), '2147483646')
      const third = await openDatabase({ dataDir: dir })
      await sql`select 1`.execute(third.db)
      await third.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
