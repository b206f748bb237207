import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TestDatabase, createReportStore, manualClock, testDatabases } from '@tessera/runtime'
import { bootstrapAdmin, buildApp, createServerEngine, createServerStore } from '@tessera/server'
import { crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, json, publishDesk, type ServerHarness, type Session } from './server-harness.js'

const HOUR = 3_600_000
const fastPasswords = { memoryCost: 1024, timeCost: 1 }

interface Point {
  key: string
  label?: string
  group?: string
  value: number | string
  count?: number
  rate?: number
}
interface WidgetBody {
  widget: string
  series: Point[]
  total?: number | string
  notFilteredBy?: string[]
  generatedAt: string
}

/** The server as openServer builds it, but on a manual clock, so handoff and accept times are known. */
async function openClockedServer(target: TestDatabase, clock: ReturnType<typeof manualClock>) {
  const runtime = await target.open()
  const store = await createServerStore(runtime, target.url ? { databaseUrl: target.url } : {})
  await bootstrapAdmin(store, ADMIN, fastPasswords)
  const engine = createServerEngine(runtime, store, { deliverAfterCommit: false, clock })
  const app = await buildApp({
    engine,
    store,
    options: { background: false, passwordCost: fastPasswords, filesDir: join(tmpdir(), 'tessera-it-files') },
  })
  await app.ready()
  const login = async (email: string, password: string): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`)
    const cookie = `tessera_session=${res.cookies.find((c) => c.name === 'tessera_session')?.value}`
    const body = res.json() as { csrfToken: string; user: { id: string } }
    return { read: { cookie }, write: { cookie, 'x-csrf-token': body.csrfToken }, userId: body.user.id }
  }
  const admin = await login(ADMIN.email, ADMIN.password)
  const h: ServerHarness = {
    app,
    store,
    engine,
    login,
    async member(email, roles, attributes = {}) {
      const password = `${email} password`
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.write,
        payload: { email, name: email.split('@')[0], password },
      })
      if (created.statusCode !== 201) throw new Error(`user ${email}: ${created.body}`)
      const id = json<{ id: string }>(created).id
      const set = await app.inject({
        method: 'PUT',
        url: `/api/apps/desk/members/${id}`,
        headers: admin.write,
        payload: { roles, attributes },
      })
      if (set.statusCode !== 200) throw new Error(`member ${email}: ${set.body}`)
      return login(email, password)
    },
    async close() {
      await app.close()
      await store.close()
      await runtime.close()
    },
  }
  return { h, admin }
}

for (const target of testDatabases()) {
  describe(`dashboard widgets over the CRM on ${target.kind}`, () => {
    const clock = manualClock('2026-03-02T09:00:00.000Z')
    let h: ServerHarness
    let admin: Session
    let ops: Session
    let repEast: Session
    let repWest: Session
    let outsider: Session

    const submit = async (who: Session, form: string, data: Record<string, unknown>) => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/apps/desk/forms/${form}/records`,
        headers: who.write,
        payload: { data },
      })
      expect(res.statusCode, res.body).toBe(201)
      return json<{ id: string; version: number }>(res)
    }
    const fire = async (who: Session, id: string, transition: string, data: Record<string, unknown> = {}) => {
      const current = json<{ version: number }>(
        await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: who.read }),
      )
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/records/${id}/transitions/${transition}`,
        headers: who.write,
        payload: { data, version: current.version },
      })
      expect(res.statusCode, `${transition}: ${res.body}`).toBe(200)
      return json<{ data: Record<string, unknown> }>(res)
    }
    const widget = (who: Session, dashboard: string, key: string, query = '') =>
      h.app.inject({
        method: 'GET',
        url: `/api/apps/desk/dashboards/${dashboard}/widgets/${key}${query}`,
        headers: who.read,
      })
    const figures = async (who: Session, dashboard: string, key: string, query = '') => {
      const res = await widget(who, dashboard, key, query)
      expect(res.statusCode, res.body).toBe(200)
      return json<WidgetBody>(res)
    }
    const byKey = (series: Point[]) => Object.fromEntries(series.map((p) => [p.key, p.value]))

    beforeAll(async () => {
      ;({ h, admin } = await openClockedServer(target, clock))
      await publishDesk(h, admin, { ...crmTemplate, key: 'desk' } as unknown as Record<string, unknown>)
      ops = await h.member('ops@desk.test', ['operations'])
      repEast = await h.member('east@desk.test', ['sales'], { region: 'East' })
      repWest = await h.member('west@desk.test', ['sales'], { region: 'West' })
      outsider = await h.member('outsider@desk.test', [])

      // five leads: four handed off at 09:00 on Monday 2 March, one more a week later
      const lead = (name: string, source: string, region: string) =>
        submit(ops, 'lead', {
          name,
          company: `${name} Ltd`,
          email: `${name.toLowerCase()}@example.com`,
          source,
          region,
          qualify_note: 'asked for a demo',
          expected_amount: '1000.00',
        })
      const l1 = await lead('Ada', 'Google', 'East')
      const l2 = await lead('Bea', 'Google', 'East')
      const l3 = await lead('Cid', 'Event', 'West')
      const l4 = await lead('Dan', 'Event', 'West')
      for (const l of [l1, l2, l3, l4]) {
        await fire(ops, l.id, 'qualify')
        await fire(ops, l.id, 'hand_off')
      }
      clock.advance(2 * HOUR)
      await fire(repEast, l1.id, 'accept')
      clock.advance(8 * HOUR)
      await fire(repEast, l2.id, 'accept')
      clock.advance(20 * HOUR) // 30 hours after the handoff: breached
      await fire(repWest, l3.id, 'return', { return_reason: 'no_budget' })
      // l4 stays unanswered: breached by now
      const converted = await fire(repEast, l1.id, 'convert')
      const opportunity = String(converted.data.converted_opportunity)
      const opp = json<{ version: number }>(
        await h.app.inject({ method: 'GET', url: `/api/records/${opportunity}`, headers: admin.read }),
      )
      const patched = await h.app.inject({
        method: 'PATCH',
        url: `/api/records/${opportunity}`,
        headers: admin.write,
        payload: { data: { sales_rep: repEast.userId }, version: opp.version },
      })
      expect(patched.statusCode, patched.body).toBe(200)
      await fire(admin, opportunity, 'engage')
      await fire(admin, opportunity, 'win', { close_value: '1000.10', close_date: '2026-03-03' })

      const o2 = await submit(admin, 'opportunity', {
        name: 'O2',
        amount: '250.25',
        sales_rep: repWest.userId,
      })
      const o3 = await submit(admin, 'opportunity', {
        name: 'O3',
        amount: '100.50',
        sales_rep: repEast.userId,
      })
      await fire(admin, o3.id, 'engage')
      for (const close of ['0.20', '0.10']) {
        const o = await submit(admin, 'opportunity', {
          name: `won ${close}`,
          amount: '5.00',
          sales_rep: repWest.userId,
        })
        await fire(admin, o.id, 'engage')
        await fire(admin, o.id, 'win', { close_value: close, close_date: '2026-03-03' })
      }
      expect(o2.id).toBeTruthy()

      clock.set('2026-03-10T12:00:00.000Z')
      await lead('Eve', 'Google', 'East')
    })
    afterAll(async () => {
      await h?.close()
      await target.dispose()
    })

    it('counts the lead funnel from events, with step conversion rates', async () => {
      const body = await figures(admin, 'handoff', 'funnel')
      expect(body.widget).toBe('funnel')
      expect(body.series).toEqual([
        { key: 'lead', value: 5, count: 5 },
        { key: 'mql', value: 4, count: 4, rate: 0.8 },
        { key: 'sal', value: 2, count: 2, rate: 0.5 },
        { key: 'opportunity', value: 1, count: 1, rate: 0.5 },
        { key: 'won', value: 1, count: 1, rate: 1 },
      ])
      expect(body.total).toBe(5)
      expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false)
    })

    it('splits the funnel by source and by region', async () => {
      const bySource = await figures(admin, 'handoff', 'funnel_by_source')
      const stages = (group: string) => bySource.series.filter((p) => p.group === group).map((p) => p.value)
      expect(stages('Event')).toEqual([2, 2, 0, 0, 0])
      expect(stages('Google')).toEqual([3, 2, 2, 1, 1])
      const byRegion = await figures(admin, 'handoff', 'funnel_by_region')
      expect(byRegion.series.filter((p) => p.group === 'West').map((p) => p.value)).toEqual([2, 2, 0, 0, 0])
    })

    it('applies the date range to created_at and the region to the region field', async () => {
      const late = await figures(admin, 'handoff', 'funnel', '?from=2026-03-09')
      expect(byKey(late.series)).toMatchObject({ lead: 1, mql: 0 })
      const early = await figures(admin, 'handoff', 'funnel', '?from=2026-03-01&to=2026-03-02')
      expect(byKey(early.series)).toMatchObject({ lead: 4, mql: 4, won: 1 })
      const west = await figures(admin, 'handoff', 'funnel', '?region=West')
      expect(byKey(west.series)).toMatchObject({ lead: 2, mql: 2, sal: 0 })
    })

    it('measures the handoff SLA: median hours to accept and the share breached', async () => {
      const body = await figures(admin, 'handoff', 'handoff_sla')
      expect(byKey(body.series)).toEqual({ median_hours: 6, breached_share: 0.5, entries: 4 })
      expect(body.series.find((p) => p.key === 'breached_share')?.count).toBe(2)
    })

    it('counts return transitions by the reason given in them', async () => {
      const body = await figures(admin, 'handoff', 'return_reasons')
      expect(body.series).toEqual([{ key: 'no_budget', value: 1, count: 1 }])
    })

    it('counts a transition by the value given in it, or as one figure without groupBy', async () => {
      const lead = crmTemplate.forms.find((f) => f.key === 'lead')
      const reports = createReportStore(h.store.runtime.db)
      const q = { app: 'desk', form: 'lead', fields: lead?.fields ?? [] }
      expect(await reports.transitions(q, 'return', 'return_reason')).toEqual([
        { key: 'no_budget', value: 1, count: 1 },
      ])
      expect(await reports.transitions(q, 'hand_off')).toEqual([{ key: '', value: 4, count: 4 }])
    })

    it('counts leads per source per week (Mondays)', async () => {
      const body = await figures(admin, 'handoff', 'leads_per_week')
      expect(body.series.map((p) => [p.key, p.group, p.value])).toEqual([
        ['2026-03-02', 'Event', 2],
        ['2026-03-02', 'Google', 2],
        ['2026-03-09', 'Google', 1],
      ])
    })

    it('sums money exactly as decimal strings: pipeline by stage, won by rep, region and in total', async () => {
      expect(byKey((await figures(admin, 'sales', 'pipeline_by_stage')).series)).toEqual({
        engaging: '100.50',
        prospecting: '250.25',
      })
      const byRep = await figures(admin, 'sales', 'won_by_rep')
      expect(byKey(byRep.series)).toEqual({ [repEast.userId]: '1000.10', [repWest.userId]: '0.30' })
      expect(byRep.series.find((p) => p.key === repWest.userId)).toMatchObject({ label: 'west', count: 2 })
      expect(byKey((await figures(admin, 'sales', 'won_by_region')).series)).toEqual({
        East: '1000.10',
        West: '0.30',
      })
      const total = await figures(admin, 'sales', 'won_total')
      expect(total.series).toEqual([{ key: '', value: '1000.40', count: 3 }])
      expect(total.total).toBe('1000.40')
    })

    it('counts only the records a sales rep may read (own or assigned)', async () => {
      const list = json<{ total: number }>(
        await h.app.inject({
          method: 'GET',
          url: '/api/apps/desk/forms/lead/records',
          headers: repWest.read,
        }),
      )
      const body = await figures(repWest, 'handoff', 'funnel')
      expect(byKey(body.series).lead).toBe(list.total)
      // the lead the rep returned went back to operations: only the one still with them counts
      expect(byKey(body.series)).toMatchObject({ lead: 1, mql: 1, sal: 0 })
      const sla = await figures(repWest, 'handoff', 'handoff_sla')
      expect(byKey(sla.series)).toMatchObject({ entries: 1, breached_share: 1 })
    })

    it("counts a sales manager's team: their reps' records", async () => {
      const manager = await h.member('manager@desk.test', ['sales_manager'])
      expect(byKey((await figures(manager, 'handoff', 'funnel')).series)).toMatchObject({ lead: 0 })
      const team = await h.app.inject({
        method: 'PUT',
        url: `/api/apps/desk/members/${repWest.userId}`,
        headers: admin.write,
        payload: { roles: ['sales'], attributes: { region: 'West', manager: manager.userId } },
      })
      expect(team.statusCode, team.body).toBe(200)
      expect(byKey((await figures(manager, 'handoff', 'funnel')).series)).toMatchObject({ lead: 1, mql: 1 })
    })

    it('answers every CRM widget to a sales rep and an operations user', async () => {
      for (const who of [repWest, ops])
        for (const board of crmTemplate.dashboards ?? [])
          for (const w of board.widgets) {
            const res = await widget(who, board.key, w.key)
            expect(res.statusCode, `${board.key}/${w.key}: ${res.body}`).toBe(200)
          }
    })

    it('answers 401 to a caller who is not signed in', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/apps/desk/dashboards/handoff/widgets/funnel',
      })
      expect(res.statusCode).toBe(401)
    })

    it('answers 404 for an unknown app, dashboard or widget', async () => {
      for (const url of [
        '/api/apps/nope/dashboards/handoff/widgets/funnel',
        '/api/apps/desk/dashboards/nope/widgets/funnel',
        '/api/apps/desk/dashboards/handoff/widgets/nope',
      ]) {
        const res = await h.app.inject({ method: 'GET', url, headers: admin.read })
        expect(res.statusCode, url).toBe(404)
      }
    })

    it('answers 400 for a date that is not one, naming the parameter', async () => {
      const res = await widget(admin, 'handoff', 'funnel', '?from=2026-13-01')
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('from')
    })

    it('answers 403 to a member whose roles may not read the form', async () => {
      const res = await widget(outsider, 'handoff', 'funnel')
      expect(res.statusCode).toBe(403)
    })

    it("filters opportunities by their rep's region, never silently ignoring it", async () => {
      const east = await figures(admin, 'sales', 'won_total', '?region=East')
      expect(east.total).toBe('1000.10')
      expect(east.notFilteredBy).toBeUndefined()
      expect((await figures(admin, 'sales', 'won_total', '?region=Nowhere')).total).toBe('0')
      const byRep = await figures(admin, 'sales', 'won_by_rep', '?region=West')
      expect(byKey(byRep.series)).toEqual({ [repWest.userId]: '0.30' })
      expect(byKey((await figures(admin, 'sales', 'pipeline_by_stage', '?region=East')).series)).toEqual({
        engaging: '100.50',
      })
    })

    // last: it wins one more deal, which the figures above do not count
    it('applies the date range to the date a widget declares: won revenue by close date', async () => {
      const o = await submit(admin, 'opportunity', {
        name: 'December',
        amount: '7.00',
        sales_rep: repEast.userId,
      })
      await fire(admin, o.id, 'engage')
      await fire(admin, o.id, 'win', { close_value: '7.00', close_date: '2026-12-15' })
      const december = await figures(admin, 'sales', 'won_total', '?from=2026-12-01&to=2026-12-31')
      expect(december.total).toBe('7.00')
      const march = await figures(admin, 'sales', 'won_total', '?from=2026-03-01&to=2026-03-31')
      expect(march.total).toBe('1000.40')
      // the pipeline declares no date: its range is still the creation
      expect(byKey((await figures(admin, 'sales', 'pipeline_by_stage', '?from=2026-12-01')).series)).toEqual(
        {},
      )
    })
  })
}
