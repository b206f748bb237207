import { type Server, createServer } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { freePort, type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * The generated form checks in the browser with the server's own validator (a module the server
 * compiled, loaded under the strict CSP) and shows the server's words; a public form works inside
 * an iframe on another site.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
let partner: Server | null = null

async function signIn(page: Page) {
  await signInAt(page, server.url, server.adminEmail, server.adminPassword)
}

/** What the server answers a submit of `data` with, per field pointer (English). */
async function serverMessages(data: Record<string, unknown>): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/apps/crm/forms/lead/records`, {
    method: 'POST',
    headers: {
      cookie: admin.cookie,
      'x-csrf-token': admin.csrf,
      'content-type': 'application/json',
      'accept-language': 'en',
    },
    body: JSON.stringify({ data }),
  })
  expect(res.status).toBe(422)
  const body = (await res.json()) as { errors: { path: string; message: string }[] }
  return Object.fromEntries(body.errors.map((e) => [e.path, e.message]))
}

const fieldErrors = (page: Page, key: string) =>
  page.locator(`[data-field="${key}"] .field-error`).allInnerTexts()

describe('browser validation with the server validator, and embedding a public form', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })
  afterEach(async () => {
    for (const p of browser?.pages() ?? []) await p.close()
  })
  afterAll(async () => {
    await closeBrowser?.()
    partner?.close()
    await server?.stop()
  })

  it('shows the server message on blur and before submit, and sends nothing while one stands', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval/i.test(m.text())) violations.push(m.text())
    })
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/forms/lead/records')) posts.push(r.url())
    })
    await signIn(page)
    const module = page.waitForResponse((r) => r.url().includes('/forms/lead/validator.js'))
    await page.goto(`${server.url}/apps/crm/forms/lead/new`)
    const loaded = await module
    expect(loaded.status()).toBe(200)
    expect(loaded.headers()['content-type']).toContain('text/javascript')
    await page.locator('.form-renderer').waitFor()

    const expected = await serverMessages({ email: 'not-an-email', phone: '123' })
    await page.getByLabel(/^Email$/).fill('not-an-email')
    // nothing shows while typing; leaving the field shows the server's own words
    expect(await fieldErrors(page, 'email')).toEqual([])
    await page.getByLabel(/^Email$/).press('Tab')
    await expect.poll(() => fieldErrors(page, 'email')).toEqual([expected['/email']])
    expect(await fieldErrors(page, 'phone')).toEqual([])
    await page.getByLabel(/^Phone$/).fill('123')
    await page.getByRole('button', { name: 'Submit' }).click()
    await expect.poll(() => fieldErrors(page, 'phone')).toEqual([expected['/phone']])
    await snap(page, 'workspace-validation-01-server-messages')
    expect(posts).toEqual([])

    // corrected, the same form goes through and the messages are gone
    await page.getByLabel(/^Email$/).fill(`valid-${Date.now()}@example.com`)
    await page.getByLabel(/^Phone$/).fill('+86 138 0000 0000')
    await page.getByLabel(/^Name$/).fill('Val Idated')
    expect(await fieldErrors(page, 'email')).toEqual([])
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.waitForURL(/\/records\//)
    expect(posts.length).toBe(1)
    expect(violations).toEqual([])
  })

  it('saves a view on the server, shared with the members, and applies it again', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.goto(`${server.url}/apps/crm/forms/lead`)
    await page.getByRole('searchbox').fill('nobody-matches-this')
    await page.getByRole('searchbox').press('Enter')
    await page.getByRole('button', { name: 'Views' }).click()
    await page.getByRole('menuitem', { name: 'Save view' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('View name').fill('Nobody')
    await dialog.getByText("Share with the app's members").click()
    await dialog.getByRole('button', { name: 'OK' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const views = await api<{ items: { name: string; shared: boolean; settings: { q: string } }[] }>(
      admin,
      'GET',
      '/apps/crm/forms/lead/views',
    )
    expect(views.items.map((v) => [v.name, v.shared, v.settings.q])).toEqual([
      ['Nobody', true, 'nobody-matches-this'],
    ])
    // a fresh page starts unfiltered; picking the view brings its search back
    await page.reload()
    await page.getByRole('button', { name: 'Views' }).click()
    await snap(page, 'workspace-views-01-menu')
    await page.getByRole('menuitem', { name: 'Nobody', exact: true }).click()
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('nobody-matches-this')
  })

  it('a public form framed by a page of another origin is filled and submitted there', async () => {
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
    const link = await api<{ url: string }>(admin, 'POST', '/apps/crm/forms/lead/public-link')

    // the company's website: another port is another origin
    const port = await freePort()
    partner = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(`<!doctype html><html><head><title>Partner</title></head><body>
        <h1>Talk to us</h1>
        <iframe id="public" title="Lead form" src="${server.url}${link.url}" width="420" height="900"></iframe>
        <iframe id="private" title="Sign in" src="${server.url}/login" width="200" height="200"></iframe>
      </body></html>`)
    }).listen(port, '127.0.0.1')
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    const frame = page.frameLocator('#public')
    await frame.locator('.form-renderer').waitFor()
    const email = `framed-${Date.now()}@example.com`
    await frame.getByLabel(/^Name$/).fill('Fay Framed')
    await frame.getByLabel(/^Email$/).fill('framed-at-example')
    await frame.getByLabel(/^Email$/).press('Tab')
    await expect.poll(() => frame.locator('[data-field="email"] .field-error').count()).toBe(1)
    await frame.getByLabel(/^Email$/).fill(email)
    await frame.getByRole('button', { name: 'Submit' }).click()
    await frame.getByText('Thank you').waitFor()
    await snap(page, 'workspace-embed-01-framed-thanks')
    // every other page still refuses to be framed
    expect(await page.frameLocator('#private').getByLabel('Password').count()).toBe(0)

    const filter = encodeURIComponent(JSON.stringify({ email: { eq: email } }))
    const found = await api<{ items: { state: string }[] }>(
      admin,
      'GET',
      `/apps/crm/forms/lead/records?filter=${filter}`,
    )
    expect(found.items.map((i) => i.state)).toEqual(['new'])
  })
})
