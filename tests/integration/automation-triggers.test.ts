import { ADMIN, createRecordStore, isTesseraError } from '@tessera/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMembers, testDatabases } from '../support/db.js'
import { type AutomationRig, publishWith, rigOn, settle } from './automation-harness.js'

const SECRET = 'inbound-secret-0123456789'

for (const target of testDatabases()) {
  describe(`automation triggers on ${target.kind}`, () => {
    let rig: AutomationRig

    beforeAll(async () => {
      rig = rigOn(await target.open())
      await publishWith(rig, 'trig', [
        {
          key: 'welcome',
          trigger: { on: 'created', form: 'lead' },
          actions: [
            { type: 'notify', to: { role: 'operations' }, message: 'New lead' },
            {
              type: 'create',
              form: 'account',
              map: { name: { var: 'email' } },
              link: 'account',
              backLink: 'lead',
            },
          ],
        },
        {
          key: 'tag_region',
          trigger: { on: 'changed', form: 'lead', fields: ['region'] },
          condition: { '!!': [{ var: 'region' }] },
          actions: [{ type: 'set', field: 'company', value: { cat: ['Co ', { var: 'region' }] } }],
        },
        {
          key: 'on_qualified',
          trigger: { on: 'entered', workflow: 'lead_flow', state: 'qualified' },
          actions: [
            {
              type: 'webhook',
              url: 'https://hooks.example.com/q',
              body: { cat: ['qualified ', { var: 'email' }] },
            },
          ],
        },
        {
          key: 'inbound',
          trigger: { on: 'webhook', secret: SECRET },
          condition: { '!!': [{ var: 'email' }] },
          actions: [
            { type: 'create', form: 'lead', map: { email: { var: 'email' }, company: { var: 'company' } } },
          ],
        },
      ])
      await addMembers(rig.store, 'trig', [{ name: 'Olga', roles: ['operations'] }])
      await settle(rig.worker)
    })
    afterAll(() => target.dispose())

    it('a created record runs its automation once: a notification and a linked record', async () => {
      const lead = await rig.engine.submit('trig', 'lead', { email: 'new@example.com' }, ADMIN)
      const first = await settle(rig.worker)
      expect(first.succeeded).toBe(1)
      const runs = await rig.worker.runs({ app: 'trig', automation: 'welcome', recordId: lead.id })
      expect(runs).toHaveLength(1)
      expect(runs[0]?.status).toBe('succeeded')
      expect(runs[0]?.output?.steps).toHaveLength(2)
      const after = await rig.engine.get(lead.id, ADMIN)
      expect(typeof after.data.account).toBe('string')
      const outbox = await rig.engine.outbox({ recordId: lead.id })
      const notify = outbox.filter((m) => m.kind === 'notify')
      expect(notify).toHaveLength(1)
      expect(notify[0]?.payload.automation).toBe('welcome')
      expect(notify[0]?.payload.to).toHaveLength(1)
      // the link written by the automation is a change, but of no field anything listens to
      expect((await settle(rig.worker)).created).toBe(0)
    })

    it('a change fires only for the fields listed, and the condition is checked', async () => {
      const lead = await rig.engine.submit('trig', 'lead', { email: 'change@example.com' }, ADMIN)
      await settle(rig.worker)
      const v1 = (await rig.engine.get(lead.id, ADMIN)).version
      await rig.engine.update(lead.id, { disqualify_reason: 'not a region change' }, ADMIN, v1)
      await settle(rig.worker)
      expect(await rig.worker.runs({ automation: 'tag_region', recordId: lead.id })).toHaveLength(0)
      const v2 = (await rig.engine.get(lead.id, ADMIN)).version
      await rig.engine.update(lead.id, { region: 'East' }, ADMIN, v2)
      await settle(rig.worker)
      const runs = await rig.worker.runs({ automation: 'tag_region', recordId: lead.id })
      expect(runs.map((r) => r.status)).toEqual(['succeeded'])
      expect((await rig.engine.get(lead.id, ADMIN)).data.company).toBe('Co East')
    })

    it('entering a state fires, through the workflow transition that entered it', async () => {
      const lead = await rig.engine.submit('trig', 'lead', { email: 'q@example.com' }, ADMIN)
      await settle(rig.worker)
      const v = (await rig.engine.get(lead.id, ADMIN)).version
      await rig.engine.transition(lead.id, 'qualify', { score: 70 }, ADMIN, v)
      await settle(rig.worker)
      const runs = await rig.worker.runs({ automation: 'on_qualified', recordId: lead.id })
      expect(runs.map((r) => r.status)).toEqual(['succeeded'])
      const hooks = (await rig.engine.outbox({ recordId: lead.id })).filter((m) => m.kind === 'webhook')
      expect(hooks.map((h) => h.payload.body)).toEqual(['qualified q@example.com'])
    })

    it('an incoming webhook needs its secret, and a resent delivery is the same run', async () => {
      await expect(
        rig.worker.receiveWebhook('trig', 'inbound', 'wrong', { email: 'x@example.com' }),
      ).rejects.toSatisfy((e: unknown) => isTesseraError(e) && e.code === 'UNAUTHENTICATED')
      const body = { email: 'hook@example.com', company: 'Hooked' }
      const a = await rig.worker.receiveWebhook('trig', 'inbound', SECRET, body, 'delivery-1')
      const b = await rig.worker.receiveWebhook('trig', 'inbound', SECRET, body, 'delivery-1')
      expect(a.created).toBe(true)
      expect(b).toEqual({ runId: a.runId, created: false })
      expect(await rig.worker.receiveWebhook('trig', 'inbound', SECRET, { company: 'no email' })).toEqual({
        runId: null,
        created: false,
      })
      await settle(rig.worker)
      const run = await rig.worker.run(a.runId as string)
      expect(run?.status).toBe('succeeded')
      const created = run?.output?.steps as { created: string }[]
      const lead = await createRecordStore(rig.store.db).find(created[0]?.created as string)
      expect(lead?.data).toMatchObject({ email: 'hook@example.com', company: 'Hooked' })
      // the lead it created is a created record: the welcome automation ran for it too
      expect(await rig.worker.runs({ automation: 'welcome', recordId: lead?.id as string })).toHaveLength(1)
    })

    it('a dry run shows what each action would do and writes nothing', async () => {
      const lead = await rig.engine.submit(
        'trig',
        'lead',
        { email: 'dry@example.com', region: 'West' },
        ADMIN,
      )
      await settle(rig.worker)
      const before = await rig.engine.get(lead.id, ADMIN)
      const outboxBefore = (await rig.engine.outbox({})).length
      const plan = await rig.worker.dryRun('trig', 'tag_region', lead.id)
      expect(plan.condition).toBe(true)
      expect(plan.actions).toEqual([
        { index: 0, plan: { type: 'set', recordId: lead.id, field: 'company', value: 'Co West' } },
      ])
      const welcome = await rig.worker.dryRun('trig', 'welcome', lead.id)
      expect(welcome.actions.map((a) => a.plan?.type)).toEqual(['notify', 'create'])
      expect((await rig.engine.get(lead.id, ADMIN)).version).toBe(before.version)
      expect((await rig.engine.outbox({})).length).toBe(outboxBefore)
    })
  })
}
