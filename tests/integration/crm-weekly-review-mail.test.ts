import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Actor, createAutomationWorker, createIdentityStore, manualClock } from '@tessera/runtime'
import type { FieldDefinition } from '@tessera/schemas'
import { createServerEngine, createServerStore, runImport } from '@tessera/server'
import { crmImportProfiles, crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../support/db.js'
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js'
import { settle } from './automation-harness.js'
import { csvRows, freshStore, hasSharedData, sharedData } from './crm-harness.js'

const HOUR = 3600_000
/** leads of the real file, in its order: enough for every figure, quick on PGlite */
const SLICE = 400
const REASONS = ['not_a_fit', 'no_budget', 'wrong_contact'] as const
const REGIONS = ['East', 'West', 'Central'] as const

/** One figure read back from the e-mail's English block: `Label: 12 (Google 5, none 2)` or `Label: 12.5%`. */
interface MailFigure {
  total: string
  groups: Record<string, number>
}

function figuresIn(text: string): Record<string, MailFigure> {
  const out: Record<string, MailFigure> = {}
  for (const line of text.split('\n')) {
    const m = /^(.+?): (\S+?)(?: \((.*)\))?$/.exec(line.trim())
    if (!m?.[1] || !m[2]) continue
    const groups: Record<string, number> = {}
    for (const part of m[3]?.split(', ') ?? []) {
      const g = /^(.*) (\d+)$/.exec(part)
      if (g?.[1] !== undefined) groups[g[1]] = Number(g[2])
    }
    out[m[1]] = { total: m[2], groups }
  }
  return out
}

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1
}

/** What the import makes of a `Lead Source` cell, from the profile and the field's options alone. */
function sourceOf(
  raw: string,
  field: FieldDefinition,
  empties: string[],
  aliases: Record<string, string>,
): string {
  const v = raw.trim()
  if (v === '' || empties.some((e) => e.toLowerCase() === v.toLowerCase())) return 'none'
  const aliased = aliases[v.toLowerCase()] ?? v
  return field.options?.find((o) => o.value.toLowerCase() === aliased.toLowerCase())?.value ?? aliased
}

for (const target of testDatabases()) {
  describe.skipIf(!hasSharedData)(`the CRM's weekly review by e-mail on ${target.kind}`, () => {
    let sink: SmtpSink
    beforeAll(async () => {
      sink = await startSmtpSink()
    })
    afterAll(async () => {
      await sink?.close()
      await target.dispose()
    })

    it("arrives in the SMTP sink on Monday 09:00 Shanghai with last week's figures of the real leads", async () => {
      const runtime = await freshStore(target)
      const store = await createServerStore(runtime, {})
      // 2026-03-02 09:00 UTC is a Monday, 17:00 in Shanghai: the review's first slot is next Monday
      const clock = manualClock('2026-03-02T09:00:00.000Z')
      const engine = createServerEngine(runtime, store, {
        clock,
        deliverAfterCommit: false,
        smtp: { url: sink.url, from: 'CRM <crm@tessera.test>' },
      })
      const worker = createAutomationWorker({ store: runtime, engine, clock })
      try {
        const identity = createIdentityStore(runtime.db)
        const adminUser = await identity.createUser({ email: 'admin@crm.test', name: 'Admin', isAdmin: true })
        const admin: Actor = { userId: adminUser.id, isAdmin: true, via: 'test' }
        await engine.publish('crm', crmTemplate, admin)
        const ops: Actor[] = []
        for (const name of ['olga', 'omar']) {
          const u = await identity.createUser({ email: `${name}@ops.crm.test`, name })
          await identity.setMembership('crm', u.id, { roles: ['operations'] })
          ops.push({ userId: u.id, isAdmin: false, via: 'test' })
        }
        const reps = new Map<string, Actor>()
        for (const region of REGIONS) {
          const u = await identity.createUser({
            email: `rep-${region.toLowerCase()}@sales.crm.test`,
            name: region,
          })
          await identity.setMembership('crm', u.id, { roles: ['sales'], attributes: { region } })
          reps.set(u.id, { userId: u.id, isAdmin: false, via: 'test' })
        }
        await settle(worker) // the schedule starts counting from now

        // Tuesday: the first leads of the real file arrive through the CRM's import profile
        clock.set('2026-03-03T02:00:00Z')
        const rows = (await csvRows(join(sharedData, 'leads-education.csv'))).slice(0, SLICE)
        const header = Object.keys(rows[0] ?? {})
        const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
        const sliceFile = join(mkdtempSync(join(tmpdir(), 'crm-weekly-')), 'leads-education.csv')
        writeFileSync(
          sliceFile,
          `${[header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(quote).join(',')).join('\n')}\n`,
        )
        const profile = crmImportProfiles['leads-education']!
        const imported = await runImport({
          engine,
          store: runtime,
          app: crmTemplate,
          form: 'lead',
          source: { path: sliceFile },
          profile,
          actor: { ...admin, via: 'import' },
        })
        expect(imported.failed).toBe(0)
        expect([imported.imported, imported.skipped]).toEqual([SLICE, 0])

        // operations qualify the open leads the file rates highly, with a note; each goes to a region in turn
        const chosen = rows.filter(
          (r) => r.Converted !== '1' && ['High in Relevance', 'Might be'].includes(r['Lead Quality'] ?? ''),
        )
        expect(chosen.length).toBeGreaterThan(10)
        const ids = new Map<string, string>()
        for (const rec of await runtime.db
          .selectFrom('record')
          .select(['id', 'data'])
          .where('app', '=', 'crm')
          .where('form', '=', 'lead')
          .execute())
          ids.set(String((rec.data as Record<string, unknown>).prospect_id), rec.id)
        const version = async (id: string) => (await engine.get(id, admin)).version
        const handed: string[] = []
        for (const [i, row] of chosen.entries()) {
          const id = ids.get(row['Prospect ID'] ?? '')!
          const by = ops[i % ops.length]!
          await engine.transition(
            id,
            'qualify',
            { region: REGIONS[i % REGIONS.length], qualify_note: `Lead Quality: ${row['Lead Quality']}` },
            by,
            await version(id),
          )
          await engine.transition(id, 'hand_off', {}, by, await version(id))
          handed.push(id)
        }
        // every third is accepted within the day; the rest wait past the 24h SLA and escalate once
        const accepted = handed.filter((_, i) => i % 3 === 0)
        const assignee = async (id: string) => reps.get((await engine.get(id, admin)).assignee ?? '')!
        for (const id of accepted)
          await engine.transition(id, 'accept', {}, await assignee(id), await version(id))
        clock.advance(25 * HOUR)
        const breached = handed.length - accepted.length
        let fired = 0
        for (let n = await engine.runDueTimers(500); n > 0; n = await engine.runDueTimers(500)) fired += n
        expect(fired).toBe(breached)
        // sales return some of the escalated ones with a reason
        const returned: Record<string, number> = {}
        const waiting = handed.filter((_, i) => i % 3 !== 0)
        for (const [i, id] of waiting.filter((_, i) => i % 2 === 0).entries()) {
          const reason = REASONS[i % REASONS.length]!
          await engine.transition(
            id,
            'return',
            { return_reason: reason },
            await assignee(id),
            await version(id),
          )
          bump(returned, reason)
        }
        await settle(worker)

        // Monday 09:00 in Shanghai: the review runs, its two messages go through the outbox
        clock.set('2026-03-09T01:00:00Z')
        await settle(worker)
        const messages = (await engine.outbox({})).filter((m) => m.payload.automation === 'weekly_review')
        expect(messages.map((m) => m.payload.channel).sort()).toEqual(['email', 'inapp'])
        await engine.deliverOutbox()
        const mails = await sink.waitFor(2)
        expect(mails.map((m) => m.to[0]).sort()).toEqual(['olga@ops.crm.test', 'omar@ops.crm.test'])
        const bell = await runtime.db
          .selectFrom('notification')
          .selectAll()
          .where('channel', '=', 'inapp')
          .where('outbox_key', '=', messages.find((m) => m.payload.channel === 'inapp')!.idempotency_key)
          .execute()
        expect(bell.map((n) => n.user_id).sort()).toEqual(ops.map((o) => o.userId).sort())

        // the figures, worked out here from the CSV rows and what the test did
        const step = profile.steps[0]!
        const sourceColumn = step.columns.find((c) => c.column === 'Lead Source')!
        const sourceField = crmTemplate.forms
          .find((f) => f.key === 'lead')!
          .fields.find((f) => f.key === 'source')!
        const bySource: Record<string, number> = {}
        for (const r of rows)
          bump(
            bySource,
            sourceOf(
              r['Lead Source'] ?? '',
              sourceField,
              profile.emptyValues ?? [],
              sourceColumn.aliases ?? {},
            ),
          )
        const mql = chosen.length
        const rate = Math.round((mql / SLICE) * 1000) / 10
        const returns = Object.values(returned).reduce((a, b) => a + b, 0)
        // the mail names each reason as people read it: the option's label, not its stored value
        const reasonField = crmTemplate.forms
          .find((f) => f.key === 'lead')!
          .fields.find((f) => f.key === 'return_reason')!
        const englishOf = (value: string) => {
          const label = reasonField.options?.find((o) => o.value === value)?.label
          return typeof label === 'object' ? label.en! : value
        }
        const returnedAsRead = Object.fromEntries(Object.entries(returned).map(([r, n]) => [englishOf(r), n]))
        expect(Object.keys(returnedAsRead)).not.toContain('not_a_fit')

        for (const mail of mails) {
          expect(mail.subject).toBe(
            "Last week's lead review: new leads per source, MQL rate, returns with reasons, SLA breaches / 上周线索复盘：新线索（按来源）、MQL 转化率、退回及原因、SLA 超时",
          )
          const english = mail.text.split('\n\n').slice(0, 2).join('\n')
          const got = figuresIn(english)
          expect(got['New leads']).toEqual({ total: String(SLICE), groups: bySource })
          expect(got['MQLs (qualified)']).toEqual({ total: String(mql), groups: {} })
          expect(got['MQL rate']).toEqual({ total: `${rate}%`, groups: {} })
          expect(got['Returned by sales']).toEqual({ total: String(returns), groups: returnedAsRead })
          expect(got['SLA breaches (not accepted in 24h)']).toEqual({ total: String(breached), groups: {} })
          // and the Chinese block says the same
          expect(mail.text).toContain(`新线索: ${SLICE} (`)
          expect(mail.text).toContain(`MQL 转化率: ${rate}%`)
          expect(mail.text).toContain(`SLA 超时（24 小时未接收）: ${breached}`)
        }
      } finally {
        await store.close()
        await runtime.close()
      }
    }, 240_000)
  })
}
