import { testDatabases } from '@tessera/runtime'
import type { FormDefinition } from '@tessera/schemas'
import { crmTemplate } from '@tessera/templates'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type ServerHarness, type Session, json, multipart, openServer } from './server-harness.js'

/**
 * The permission matrix, generated from the CRM template: every role x form x action (create, list,
 * export, import) and every lead transition out of `new`, answered by the API as the template says.
 */
const [target] = testDatabases()
const roles = crmTemplate.roles.map((r) => r.key).filter((r) => r !== 'admin')
const perm = (form: FormDefinition, role: string) => ({
  ...form.permissions?.['*'],
  ...form.permissions?.[role],
})
const mayCreate = (form: FormDefinition, role: string) =>
  !form.permissions || perm(form, role).create !== false
const mayImport = (form: FormDefinition, role: string) => perm(form, role).import === true
const mayExport = (form: FormDefinition, role: string) =>
  !form.permissions || perm(form, role).export !== false
const mayRead = (form: FormDefinition, role: string) =>
  !form.permissions || (perm(form, role).read ?? 'all') !== 'none'
const leadFlow = crmTemplate.workflows!.find((w) => w.form === 'lead')!

describe('permission matrix of the CRM template', () => {
  let h: ServerHarness
  let admin: Session
  const sessions = new Map<string, Session>()

  beforeAll(async () => {
    h = await openServer(target!)
    admin = await h.login(ADMIN.email, ADMIN.password)
    const saved = await h.app.inject({
      method: 'PUT',
      url: '/api/apps/crm/draft',
      headers: admin.write,
      payload: crmTemplate,
    })
    expect(json<{ verify: { ok: boolean } }>(saved).verify.ok).toBe(true)
    const published = await h.app.inject({
      method: 'POST',
      url: '/api/apps/crm/publish',
      headers: admin.write,
      payload: {},
    })
    expect(published.statusCode).toBe(200)
    for (const role of roles)
      sessions.set(role, await h.member(`${role}@matrix.test`, [role], { region: 'East' }, 'crm'))
  })
  afterAll(async () => {
    await h?.close()
    await target!.dispose()
  })

  for (const form of crmTemplate.forms)
    for (const role of roles) {
      it(`${role} on ${form.key}: create ${mayCreate(form, role)}, read ${mayRead(form, role)}, export ${mayExport(form, role)}, import ${mayImport(form, role)}`, async () => {
        const as = sessions.get(role)!
        const base = `/api/apps/crm/forms/${form.key}`
        const create = await h.app.inject({
          method: 'POST',
          url: `${base}/records`,
          headers: as.write,
          payload: { data: {} },
        })
        if (mayCreate(form, role)) expect(create.statusCode, create.body).not.toBe(403)
        else expect(create.statusCode, create.body).toBe(403)

        const list = await h.app.inject({ method: 'GET', url: `${base}/records`, headers: as.read })
        if (mayRead(form, role)) expect(list.statusCode, list.body).toBe(200)
        else expect([200, 403]).toContain(list.statusCode)

        const exported = await h.app.inject({
          method: 'GET',
          url: `${base}/export?format=csv`,
          headers: as.read,
        })
        expect(exported.statusCode, exported.body).toBe(mayExport(form, role) ? 200 : 403)

        const body = multipart({ dryRun: 'true' }, { name: 'x.csv', type: 'text/csv', content: 'Name\nx\n' })
        const imported = await h.app.inject({
          method: 'POST',
          url: `${base}/imports`,
          headers: { ...as.write, ...body.headers },
          payload: body.payload,
        })
        expect(imported.statusCode, imported.body).toBe(mayImport(form, role) ? 202 : 403)
      })
    }

  it('fires each lead transition out of `new` only for the roles it names', async () => {
    const outOfNew = leadFlow.transitions.filter(
      (t) => t.from.includes(leadFlow.initial) && t.roles.length > 0,
    )
    for (const t of outOfNew)
      for (const role of roles) {
        // Each role submits its own lead: row scopes (`own`, `team`) are not what this row tests.
        const lead = await h.app.inject({
          method: 'POST',
          url: '/api/apps/crm/forms/lead/records',
          headers: sessions.get(role)!.write,
          // a lead needs a way to reach the person (the form's rule); every role may enter that in `new`
          payload: { data: { name: `Lead ${t.key} ${role}` } },
        })
        expect(lead.statusCode, lead.body).toBe(201)
        const { id, version } = json<{ id: string; version: number }>(lead)
        const fired = await h.app.inject({
          method: 'POST',
          url: `/api/records/${id}/transitions/${t.key}`,
          headers: sessions.get(role)!.write,
          payload: { version, data: {} },
        })
        const allowed = t.roles.includes(role)
        // Allowed: it may still fail its guard or its required fields (422), never the role (403).
        if (allowed) expect(fired.statusCode, `${role} ${t.key}: ${fired.body}`).not.toBe(403)
        else expect([403, 404], `${role} ${t.key}: ${fired.body}`).toContain(fired.statusCode)
      }
  })

  // Another member of the same role, with no `manager` link: outside every `own` and `team` scope.
  const workflowForms = crmTemplate.forms.filter((f) => crmTemplate.workflows!.some((w) => w.form === f.key))
  for (const form of workflowForms)
    for (const role of roles.filter((r) => mayCreate(form, r) && perm(form, r).edit !== 'all')) {
      const wf = crmTemplate.workflows!.find((w) => w.form === form.key)!
      const readsAll = (perm(form, role).read ?? 'all') === 'all'
      it(`${role} fires no ${form.key} transition on a colleague's record (edit ${perm(form, role).edit ?? 'own'}): ${readsAll ? 403 : 404}`, async () => {
        const owner = sessions.get(role)!
        const other = await h.member(
          `${role}-colleague-${form.key}@matrix.test`,
          [role],
          { region: 'East' },
          'crm',
        )
        const created = await h.app.inject({
          method: 'POST',
          url: `/api/apps/crm/forms/${form.key}/records`,
          headers: owner.write,
          payload: { data: { name: `${form.key} of ${role}` } },
        })
        expect(created.statusCode, created.body).toBe(201)
        const { id, version } = json<{ id: string; version: number }>(created)
        const open = wf.transitions.filter((t) => t.from.includes(wf.initial) && t.roles.includes(role))
        expect(open.length, `${role} has transitions out of ${wf.initial}`).toBeGreaterThan(0)

        const mine = json<{ transitions: { key: string }[]; access: Record<string, string> }>(
          await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: owner.read }),
        )
        expect(mine.transitions.map((t) => t.key).sort()).toEqual(open.map((t) => t.key).sort())
        expect(Object.values(mine.access)).toContain('edit')

        const seen = await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: other.read })
        if (readsAll) {
          // the detail offers what the writes allow: no transition, no editable field
          const detail = json<{ transitions: unknown[]; access: Record<string, string> }>(seen)
          expect(detail.transitions).toEqual([])
          expect(Object.values(detail.access).filter((a) => a === 'edit' || a === 'required')).toEqual([])
        } else expect(seen.statusCode).toBe(404)
        for (const t of open) {
          for (const v of [version, version + 7]) {
            const fired = await h.app.inject({
              method: 'POST',
              url: `/api/records/${id}/transitions/${t.key}`,
              headers: other.write,
              payload: { version: v, data: {} },
            })
            // refused before the version is compared: a stale version tells nothing either
            expect(fired.statusCode, `${t.key} v${v}: ${fired.body}`).toBe(readsAll ? 403 : 404)
            if (readsAll) expect(json<{ detail: string }>(fired).detail).toMatch(/may not edit this record/)
          }
        }
        const after = json<{ version: number }>(
          await h.app.inject({ method: 'GET', url: `/api/records/${id}`, headers: owner.read }),
        )
        expect(after.version).toBe(version)
      })
    }

  it('deletes a lead only within the delete scope, with its version; then it is gone everywhere', async () => {
    const lead = await h.app.inject({
      method: 'POST',
      url: '/api/apps/crm/forms/lead/records',
      headers: sessions.get('operations')!.write,
      payload: { data: { name: 'Lead to delete', email: 'delete-me@lead.test' } },
    })
    expect(lead.statusCode, lead.body).toBe(201)
    const { id, version } = json<{ id: string; version: number }>(lead)
    const leadForm = crmTemplate.forms.find((f) => f.key === 'lead')!
    for (const role of roles) {
      const res = await h.app.inject({
        method: 'DELETE',
        url: `/api/records/${id}`,
        headers: { ...sessions.get(role)!.write, 'if-match': `"${version}"` },
      })
      // no CRM role but the app's admin may delete a lead; a role that cannot even see it gets 404
      const scope = perm(leadForm, role).delete ?? 'none'
      expect(scope, role).toBe('none')
      expect([403, 404], `${role}: ${res.body}`).toContain(res.statusCode)
    }
    const url = `/api/records/${id}`
    const noVersion = await h.app.inject({ method: 'DELETE', url, headers: admin.write })
    expect(noVersion.statusCode, noVersion.body).toBe(400)
    const stale = await h.app.inject({
      method: 'DELETE',
      url,
      headers: { ...admin.write, 'if-match': `"${version + 5}"` },
    })
    expect(stale.statusCode, stale.body).toBe(409)
    const noCsrf = await h.app.inject({
      method: 'DELETE',
      url,
      headers: { cookie: admin.read.cookie as string, 'if-match': `"${version}"` },
    })
    expect(noCsrf.statusCode, noCsrf.body).toBe(403)
    const stillThere = await h.app.inject({ method: 'GET', url, headers: admin.read })
    expect(stillThere.statusCode).toBe(200)

    const deleted = await h.app.inject({
      method: 'DELETE',
      url,
      headers: { ...admin.write, 'if-match': `"${version}"` },
    })
    expect(deleted.statusCode, deleted.body).toBe(204)
    for (const path of [url, `${url}/events`]) {
      const gone = await h.app.inject({ method: 'GET', url: path, headers: admin.read })
      expect(gone.statusCode, path).toBe(404)
    }
    const again = await h.app.inject({
      method: 'DELETE',
      url,
      headers: { ...admin.write, 'if-match': `"${version + 1}"` },
    })
    expect(again.statusCode).toBe(404)
    const filter = encodeURIComponent(JSON.stringify({ email: 'delete-me@lead.test' }))
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/apps/crm/forms/lead/records?filter=${filter}`,
      headers: admin.read,
    })
    expect(json<{ total: number }>(list).total).toBe(0)
    const csv = await h.app.inject({
      method: 'GET',
      url: `/api/apps/crm/forms/lead/export?format=csv&filter=${filter}`,
      headers: admin.read,
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.body).not.toContain('delete-me@lead.test')
    // the history ends with the deletion, by whom; the audit log says so too
    const events = await h.store.runtime.db
      .selectFrom('event')
      .select(['type', 'actor'])
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute()
    expect(events.at(-1)).toMatchObject({ type: 'deleted', actor: admin.userId })
    const audit = await h.store.runtime.db
      .selectFrom('audit')
      .select(['actor'])
      .where('action', '=', 'record.delete')
      .where('target', '=', id)
      .execute()
    expect(audit).toEqual([{ actor: admin.userId }])
    // the unique email is free again
    const reused = await h.app.inject({
      method: 'POST',
      url: '/api/apps/crm/forms/lead/records',
      headers: sessions.get('operations')!.write,
      payload: { data: { name: 'Same email', email: 'delete-me@lead.test' } },
    })
    expect(reused.statusCode, reused.body).toBe(201)
  })

  it('audits logins, membership changes and publishes', async () => {
    const rows = await h.store.runtime.db.selectFrom('audit').select(['action']).execute()
    const actions = new Set(rows.map((r) => r.action))
    for (const a of ['login', 'membership.set', 'app.publish', 'user.create', 'export'])
      expect(actions, a).toContain(a)
  })
})
