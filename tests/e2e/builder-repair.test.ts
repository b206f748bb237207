import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { choose, drag, saved } from './builder-ui-helpers.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * An admin builds an "equipment repair" app from blank in the builder, with real pointer drags:
 * a form of ten fields with one conditional field, a second form for work orders, a 4-state
 * workflow with a role per transition, a guard, an SLA timer and a create-record action; sees a
 * verification error, fixes it and publishes. A member then files a request and moves it along.
 * Screenshots: tests/e2e/screenshots/builder-repair-*.png.
 */

const external = process.env.BUILDER_E2E_URL
let server: RunningServer | null = null
let url = ''
let adminEmail = 'admin@example.com'
let adminPassword = ''
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page
let admin: ApiSession
// Against a long-running server (BUILDER_E2E_URL) every run builds its own app.
const RUN = external ? ` ${Date.now().toString(36)}` : ''
const APP = `equipment_repair${RUN.replace(' ', '_')}`

async function signIn(p: Page, email: string, password: string) {
  await signInAt(p, url, email, password)
}

/** Drags a palette type onto the end of the fields after the sections, then names it. */
async function addField(type: string, en: string, zh: string) {
  const rest = page.locator('[data-container=rest]')
  const before = await page.locator('[data-field-key]').count()
  await rest.evaluate((el) => el.scrollIntoView({ block: 'end' }))
  const box = await rest.boundingBox()
  // Into the container's bottom padding, below the last card: the field goes to the end.
  await drag(page, page.locator(`[data-palette-type=${type}]`), rest, {
    targetOffset: { x: (box?.width ?? 100) / 2, y: (box?.height ?? 20) - 3 },
  })
  await page.waitForFunction((n) => document.querySelectorAll('[data-field-key]').length === n + 1, before)
  const props = page.getByTestId('builder-field-properties')
  await props.waitFor()
  await props.locator('#builder-field-label-en').fill(en)
  await props.locator('#builder-field-label-zh').fill(zh)
}

const draft = () =>
  api<{
    forms: { key: string; fields: { key: string; type: string; visibleWhen?: unknown }[] }[]
    workflows?: unknown[]
  }>(admin, 'GET', `/apps/${APP}/draft`)

describe('builder: an equipment repair app from blank', () => {
  beforeAll(async () => {
    if (external) {
      url = external
      adminPassword = process.env.BUILDER_E2E_ADMIN_PASSWORD ?? ''
    } else {
      server = await startServer()
      url = server.url
      adminEmail = server.adminEmail
      adminPassword = server.adminPassword
    }
    admin = await apiLogin(url, adminEmail, adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await signIn(page, adminEmail, adminPassword)
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('creates a blank app and declares its roles', async () => {
    await page.goto(`${url}/builder`)
    await page.getByRole('button', { name: 'New app' }).click()
    await page.locator('#builder-new-name-zh').fill('设备报修')
    await page.locator('#builder-new-name-en').fill(`Equipment repair${RUN}`)
    await expect(page.locator('#builder-new-key').inputValue()).resolves.toBe(APP)
    await snap(page, 'builder-repair-01-new-app')
    await page.locator('#builder-new-create').click()
    await page.waitForURL(new RegExp(`/builder/${APP}/forms$`))

    await page.getByTestId('builder-app-settings-button').click()
    const settings = page.locator('.ant-drawer').filter({ hasText: 'App settings' })
    for (const [key, name] of [
      ['reporter', 'Reporter'],
      ['dispatcher', 'Dispatcher'],
      ['technician', 'Technician'],
    ]) {
      await settings.getByRole('button', { name: 'Add role' }).click()
      const row = settings.locator('.ant-table-row').last()
      await row.getByLabel('Key').fill(key as string)
      await row.getByLabel('Name (English)').fill(name as string)
    }
    await snap(page, 'builder-repair-02-roles')
    await settings.getByRole('button', { name: 'Close' }).click()
    await saved(page)
    const stored = await api<{ roles: { key: string }[] }>(admin, 'GET', `/apps/${APP}/draft`)
    expect(stored.roles.map((r) => r.key)).toEqual(['reporter', 'dispatcher', 'technician'])
  })

  it('builds the request form by dragging ten field types onto the canvas', async () => {
    await addField('text', 'Equipment', '设备')
    await addField('select', 'Kind', '类别')
    await addField('date', 'Reported on', '报修日期')
    await addField('textarea', 'Description', '故障描述')
    await addField('boolean', 'Urgent', '加急')
    await addField('text', 'Urgent reason', '加急原因')
    await addField('number', 'Cost estimate', '预估费用')
    await addField('email', 'Contact email', '联系邮箱')
    await addField('user', 'Technician', '维修人员')
    await addField('rating', 'Satisfaction', '满意度')
    // Reorder with a real drag: Description above Reported on.
    await drag(
      page,
      page.locator('[data-field-key=description] [data-drag-handle]'),
      page.locator('[data-field-key=reported_on]'),
      { reaim: false },
    )
    await saved(page)
    const form = (await draft()).forms[0]!
    expect(form.fields.map((f) => f.key)).toEqual([
      'equipment',
      'kind',
      'description',
      'reported_on',
      'urgent',
      'urgent_reason',
      'cost_estimate',
      'contact_email',
      'technician',
      'satisfaction',
    ])
    expect(new Set(form.fields.map((f) => f.type)).size).toBeGreaterThanOrEqual(8)
    await snap(page, 'builder-repair-03-form-canvas')
  })

  it('makes "Urgent reason" visible only when Urgent is yes, and the preview follows', async () => {
    await page.locator('[data-field-key=urgent_reason]').click()
    const props = page.getByTestId('builder-field-properties')
    await props.getByRole('tab', { name: 'Conditions' }).click()
    const visible = props.locator('#builder-visible-when')
    await visible.getByRole('button', { name: 'Add condition' }).click()
    await choose(page, visible.getByLabel('Field'), 'Urgent')
    await expect
      .poll(
        async () => (await draft()).forms[0]!.fields.find((f) => f.key === 'urgent_reason')?.visibleWhen,
        { timeout: 20_000 },
      )
      .toEqual({ '==': [{ var: 'urgent' }, true] })
    await snap(page, 'builder-repair-04-condition')

    await page.getByText('Preview', { exact: true }).click()
    const preview = page.getByTestId('builder-preview')
    await preview.waitFor()
    await expect(preview.getByText('Urgent reason').count()).resolves.toBe(0)
    await preview.getByText('Urgent', { exact: true }).first().waitFor()
    await snap(page, 'builder-repair-05-preview')
    await page.getByText('Design', { exact: true }).click()
  })

  it('adds a work order form by clicking palette types (no drag needed)', async () => {
    await page.getByRole('button', { name: 'New form' }).click()
    const key = page.locator('.ant-form-item').filter({ hasText: 'Key' }).locator('input').first()
    await key.fill('work_order')
    await key.press('Enter')
    await page.locator('#builder-form-title-en').fill('Work order')
    await page.locator('#builder-form-title-zh').fill('工单')
    // each input of the form's settings says what it is and in which language
    for (const name of ['Title (中文)', 'Title (English)', 'Help text (中文)', 'Help text (English)'])
      expect(await page.getByLabel(name, { exact: true }).count()).toBe(1)
    // the icon-only undo and redo buttons are named
    expect(await page.getByRole('button', { name: /Undo/ }).count()).toBe(1)
    expect(await page.getByRole('button', { name: /Redo/ }).count()).toBe(1)
    await page.locator('[data-palette-type=text]').click()
    await page.locator('#builder-field-label-en').fill('Equipment')
    await page.locator('[data-palette-type=textarea]').click()
    await page.locator('#builder-field-label-en').fill('Instructions')
    await saved(page)
    const forms = (await draft()).forms
    expect(forms.map((f) => f.key)).toEqual(['main', 'work_order'])
    expect(forms[1]!.fields.map((f) => f.key)).toEqual(['equipment', 'instructions'])
    await snap(page, 'builder-repair-06-work-order')
  })

  it('draws a 4-state workflow with drags between state handles', async () => {
    await page.getByRole('tab', { name: 'Workflows' }).click()
    await page.getByRole('button', { name: 'New workflow' }).click()
    for (const [key, en] of [
      ['reported', 'Reported'],
      ['assigned', 'Assigned'],
      ['repaired', 'Repaired'],
      ['closed', 'Closed'],
    ] as const) {
      await page.getByTestId('builder-add-state').click()
      const panel = page.getByTestId('builder-state-panel')
      await panel.locator('#builder-state-label-en').fill(en)
      await panel.locator('#builder-state-key').fill(key)
      await panel.locator('#builder-state-key').press('Enter')
      await page.locator(`.react-flow__node[data-id=${key}]`).waitFor()
    }
    await page.getByRole('button', { name: 'Auto layout' }).click()
    await page.waitForTimeout(500)
    const connect = async (from: string, to: string) => {
      await drag(
        page,
        page.locator(`.react-flow__node[data-id=${from}] .react-flow__handle.source`),
        page.locator(`.react-flow__node[data-id=${to}] .react-flow__handle.target`),
        { reaim: false },
      )
      await page.getByTestId('builder-transition-panel').waitFor()
    }
    const setRoles = async (keep: string[]) => {
      const roles = page.locator('#builder-transition-roles')
      for (const name of ['Reporter', 'Dispatcher', 'Technician']) {
        await roles.getByLabel(name).setChecked(keep.includes(name))
      }
    }
    const label = (en: string) => page.locator('#builder-transition-label-en').fill(en)

    await connect('reported', 'assigned')
    await label('Assign')
    await setRoles(['Dispatcher'])
    await connect('assigned', 'repaired')
    await label('Repair')
    await setRoles(['Technician'])
    // Guard: the repair may be recorded only when the estimate is at most 1000.
    const guard = page.locator('#builder-guard')
    await guard.getByRole('button', { name: 'Add condition' }).click()
    await choose(page, guard.getByLabel('Field'), 'Cost estimate')
    await choose(page, guard.locator('[data-condition-rule] .ant-select').nth(1), 'is at most')
    await guard.locator('[data-condition-rule] .ant-input-number-input').fill('1000')
    // Create a work order for the equipment.
    await page.getByTestId('builder-add-action').click()
    await page.getByRole('menuitem', { name: 'Create a linked record' }).click()
    const actions = page.getByTestId('builder-actions')
    await choose(page, actions.getByLabel('Form to create'), 'Work order')
    await actions.getByRole('button', { name: 'Add mapping' }).click()
    await connect('repaired', 'closed')
    await label('Close')
    await setRoles(['Reporter'])
    await connect('assigned', 'reported')
    await label('Send back')
    await page.locator('#builder-transition-system').check()
    await snap(page, 'builder-repair-07-workflow')

    // SLA: a request not repaired within 4 hours goes back to dispatch.
    await page.locator('.react-flow__node[data-id=assigned]').click()
    const timers = page.getByTestId('builder-timers')
    await timers.getByRole('button', { name: 'Add timer' }).click()
    await timers.getByLabel('hours').fill('4')
    await choose(page, timers.getByLabel('Fire transition'), 'Send back')
    await saved(page)
    await snap(page, 'builder-repair-08-sla')

    const flow = ((await draft()).workflows ?? [])[0] as {
      states: { key: string }[]
      transitions: {
        key: string
        roles: string[]
        guard?: unknown
        actions?: { type: string; form?: string; map?: unknown }[]
      }[]
      timers: { state: string; after: string; fire: string }[]
    }
    expect(flow.states.map((st) => st.key)).toEqual(['reported', 'assigned', 'repaired', 'closed'])
    const byKey = Object.fromEntries(flow.transitions.map((tr) => [tr.key, tr]))
    expect(byKey.reported_to_assigned?.roles).toEqual(['dispatcher'])
    expect(byKey.assigned_to_repaired?.roles).toEqual(['technician'])
    expect(byKey.assigned_to_repaired?.guard).toEqual({ '<=': [{ var: 'cost_estimate' }, 1000] })
    expect(byKey.assigned_to_repaired?.actions).toEqual([
      { type: 'create', form: 'work_order', map: { equipment: { var: 'equipment' } } },
    ])
    expect(byKey.repaired_to_closed?.roles).toEqual(['reporter'])
    expect(byKey.assigned_to_reported?.roles).toEqual([])
    expect(flow.timers).toEqual([{ state: 'assigned', after: 'PT4H', fire: 'assigned_to_reported' }])
  })

  it('shows the verifier’s error, focuses the state at fault, and clears it once fixed', async () => {
    const button = page.getByTestId('builder-problems-button')
    await expect
      .poll(async () => (await button.textContent())?.trim(), { timeout: 20_000 })
      .toMatch(/[1-9]\d* problems?/)
    await button.click()
    const problems = page.getByTestId('builder-problems')
    await problems.waitFor()
    await snap(page, 'builder-repair-09-problems')
    const closedProblem = problems.locator('.ant-list-item', { hasText: '/workflows/0/states/3' }).first()
    await closedProblem.click()
    const panel = page.getByTestId('builder-state-panel')
    await expect(panel.locator('#builder-state-key').inputValue()).resolves.toBe('closed')
    await panel.locator('#builder-state-final').check()
    await saved(page)
    await expect.poll(async () => (await button.textContent())?.trim(), { timeout: 20_000 }).toBe('Problems')
    await snap(page, 'builder-repair-10-fixed')
  })

  it('publishes the app after showing what changes', async () => {
    await page.getByRole('tab', { name: 'Publish' }).click()
    await page.getByTestId('builder-diff').waitFor()
    await snap(page, 'builder-repair-11-publish')
    const publish = page.getByTestId('builder-publish')
    await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true)
    await publish.click()
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version 1').waitFor()
    const published = await api<{ version: number }>(admin, 'GET', `/apps/${APP}`)
    expect(published.version).toBe(1)
    await snap(page, 'builder-repair-12-published')
  })

  it('adds a member with roles and a region in the members editor', async () => {
    const user = await api<{ id: string }>(admin, 'POST', '/users', {
      email: `tech${RUN.trim()}@example.com`,
      name: `Wang Tech${RUN}`,
      password: 'a long member password 1',
    })

    await page.goto(`${url}/builder`)
    await page.getByTestId(`builder-app-${APP}`).getByRole('button', { name: 'Members' }).click()
    const drawer = page.locator('.ant-drawer').filter({ hasText: 'Members of' })
    await drawer.getByRole('button', { name: 'Add member' }).click()
    const modal = page.locator('.ant-modal').filter({ hasText: 'Add member' })
    await choose(
      page,
      modal.locator('.ant-form-item').filter({ hasText: 'User' }).locator('.ant-select'),
      `Wang Tech${RUN}`,
    )
    const roles = modal.locator('.ant-form-item').filter({ hasText: 'Roles' }).locator('.ant-select')
    // A multiple select stays open between picks.
    await roles.click()
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last()
    for (const role of ['Reporter', 'Dispatcher', 'Technician']) {
      await dropdown.locator('.ant-select-item-option', { hasText: role }).first().click()
    }
    await page.keyboard.press('Escape')
    await modal.locator('.ant-form-item').filter({ hasText: 'Region' }).locator('input').fill('East')
    await snap(page, 'builder-repair-13-member')
    await modal.getByRole('button', { name: 'Save' }).click()
    await drawer.locator('.ant-table-row', { hasText: `Wang Tech${RUN}` }).waitFor()
    const members = await api<{ userId: string; roles: string[]; attributes: Record<string, unknown> }[]>(
      admin,
      'GET',
      `/apps/${APP}/members`,
    )
    const member = members.find((m) => m.userId === user.id)
    expect(member?.roles.sort()).toEqual(['dispatcher', 'reporter', 'technician'])
    expect(member?.attributes).toEqual({ region: 'East' })
  })

  it('lets the member file a request in the generated form and move it to closed', async () => {
    const { browser: memberBrowser, close } = await launchBrowser()
    try {
      const member = memberBrowser.pages()[0] ?? (await memberBrowser.newPage())
      await signIn(member, `tech${RUN.trim()}@example.com`, 'a long member password 1')
      await member.goto(`${url}/apps/${APP}/forms/main/new`)
      await member.getByLabel('Equipment').first().fill('Lathe #4')
      await member.getByLabel('Cost estimate').fill('500')
      await snap(member, 'builder-repair-14-member-form')
      await member.getByRole('button', { name: 'Submit' }).click()
      await member.waitForURL(/\/records\//)
      for (const transition of ['reported_to_assigned', 'assigned_to_repaired', 'repaired_to_closed']) {
        const button = member.locator(`[data-transition=${transition}]`)
        await button.waitFor()
        await button.click()
        const dialog = member.getByRole('dialog')
        if (await dialog.isVisible().catch(() => false))
          await dialog.getByRole('button', { name: /OK|Submit|Confirm/ }).click()
        await member
          .locator(`[data-transition=${transition}]`)
          .waitFor({ state: 'detached', timeout: 20_000 })
      }
      await snap(member, 'builder-repair-15-closed')
      const list = await api<{ items: { state: string; data: Record<string, unknown> }[] }>(
        admin,
        'GET',
        `/apps/${APP}/forms/main/records`,
      )
      expect(list.items[0]?.state).toBe('closed')
      const orders = await api<{ items: { data: Record<string, unknown> }[] }>(
        admin,
        'GET',
        `/apps/${APP}/forms/work_order/records`,
      )
      expect(orders.items.map((o) => o.data.equipment)).toEqual(['Lathe #4'])
    } finally {
      await close()
    }
  })
})
