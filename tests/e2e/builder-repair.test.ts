import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { choose, drag, saved } from './builder-ui-helpers.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'

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
  await p.goto(`${url}/login`)
  await p.getByLabel('Email').fill(email)
  await p.getByLabel('Password').fill(password)
  await p.getByRole('button', { name: 'Sign in' }).click()
  await p.waitForURL(/\/apps$/)
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
    await saved(page)
    const reason = (await draft()).forms[0]!.fields.find((f) => f.key === 'urgent_reason')
    expect(reason?.visibleWhen).toEqual({ '==': [{ var: 'urgent' }, true] })
    await snap(page, 'builder-repair-04-condition')

    await page.getByText('Preview', { exact: true }).click()
    const preview = page.getByTestId('builder-preview')
    await preview.waitFor()
    await expect(preview.getByText('Urgent reason').count()).resolves.toBe(0)
    await preview.getByText('Urgent', { exact: true }).first().waitFor()
    await snap(page, 'builder-repair-05-preview')
    await page.getByText('Design', { exact: true }).click()
  })
})
