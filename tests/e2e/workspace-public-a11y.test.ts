import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * A public lead form filled anonymously on a phone arrives as a new lead from the web; the main
 * team pages have no serious accessibility violation (axe-core in the page); the zh-CN UI.
 */

const external = process.env.WS_E2E_URL

let server: RunningServer | null = null
let url = ''
let adminEmail = 'admin@example.com'
let adminPassword = ''
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession

async function signIn(page: Page) {
  await signInAt(page, url, adminEmail, adminPassword)
}

describe('public form, accessibility and zh-CN', () => {
  beforeAll(async () => {
    if (external) {
      url = external
      adminPassword = process.env.WS_E2E_ADMIN_PASSWORD ?? ''
    } else {
      server = await startServer()
      url = server.url
      adminEmail = server.adminEmail
      adminPassword = server.adminPassword
    }
    admin = await apiLogin(url, adminEmail, adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })

  afterEach(async () => {
    for (const p of browser?.pages() ?? []) await p.close()
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('an anonymous phone submission of the public lead form arrives as a new lead from the web', async () => {
    // the admin marks the lead form public and publishes (what the builder's publish does)
    const published = await api<{ definition: { forms: { key: string; public?: boolean }[] } }>(
      admin,
      'GET',
      '/apps/crm',
    )
    const definition = published.definition
    const lead = definition.forms.find((f) => f.key === 'lead')!
    if (!lead.public) {
      lead.public = true
      await api(admin, 'PUT', '/apps/crm/draft', definition)
      await api(admin, 'POST', '/apps/crm/publish', {})
    }
    const link = await api<{ token: string; url: string }>(admin, 'POST', '/apps/crm/forms/lead/public-link')

    // this runs before any sign-in in this browser, so the page is anonymous
    const page = await browser.newPage()
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(`${url}${link.url}`)
    await page.locator('.form-renderer').waitFor()
    const email = `web-${Date.now()}@example.com`
    await page.getByLabel(/^Name$/).fill('Wen Web')
    await page.getByLabel(/^Email$/).fill(email)
    await snap(page, 'workspace-public-01-form')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.waitForTimeout(1500)
    await snap(page, 'workspace-public-02-after-submit')
    await page.getByText('Thank you').waitFor()
    await snap(page, 'workspace-public-02-thanks')

    const filter = encodeURIComponent(JSON.stringify({ email: { eq: email } }))
    const found = await api<{ items: { state: string; data: Record<string, unknown> }[] }>(
      admin,
      'GET',
      `/apps/crm/forms/lead/records?filter=${filter}`,
    )
    expect(found.items.length).toBe(1)
    expect(found.items[0]!.state).toBe('new')
  })

  it('the main team pages have no serious accessibility violation', async () => {
    const page = await browser.newPage()
    await signIn(page)
    const list = await api<{ items: { id: string }[] }>(admin, 'GET', '/apps/crm/forms/lead/records?limit=1')
    const pages = [
      '/apps',
      '/apps/crm/forms/lead',
      '/apps/crm/forms/lead/new',
      '/inbox',
      '/apps/crm/kanban/lead',
    ]
    if (list.items[0]) pages.push(`/records/${list.items[0].id}`)
    const report: Record<string, string[]> = {}
    for (const path of pages) {
      await page.goto(`${url}${path}`)
      // the event stream keeps the network busy, so wait for the page's own loading marks to go
      await page.waitForFunction(
        () => !document.querySelector('.ant-skeleton, .ant-spin-spinning'),
        undefined,
        { timeout: 15_000 },
      )
      await page.waitForTimeout(800)
      const v = await seriousViolations(page)
      if (v.length) report[path] = v
    }
    expect(report).toEqual({})
  })

  it('the team side speaks zh-CN when switched, and remembers it', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.getByLabel('Language').first().click()
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '简体中文' })
      .click()
    await page.getByText('应用').first().waitFor()
    await page.goto(`${url}/apps/crm/forms/lead`)
    await page.getByText('新建记录').waitFor()
    await snap(page, 'workspace-zh-01-leads')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
  })
})
