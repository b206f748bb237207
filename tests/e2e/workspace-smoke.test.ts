import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * The team side in Chromium, as its people use it: sign in, import real leads through the UI,
 * find A-grade leads, act on one, fill a form on a phone, an anonymous public submission, and a
 * user's HTML shown as text. Screenshots land in tests/e2e/screenshots/workspace-*.png.
 */

const dataDir =
  process.env.TESSERA_SHARED_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data')
const external = process.env.WS_E2E_URL

let server: RunningServer | null = null
let url = ''
let adminEmail = 'admin@example.com'
let adminPassword = ''
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession

async function signIn(page: Page, email: string, password: string) {
  await signInAt(page, url, email, password)
}

/** The first rows of the real leads file, so an import through the UI finishes in seconds. */
function leadsSample(rows: number): string {
  const lines = readFileSync(join(dataDir, 'leads-education.csv'), 'utf8').split(/\r?\n/)
  const path = join(mkdtempSync(join(tmpdir(), 'ws-leads-')), 'leads-education.csv')
  writeFileSync(path, `${lines.slice(0, rows + 1).join('\n')}\n`)
  return path
}

describe('team workspace in the browser', () => {
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

  // a failed step must not leave its tab (and its event stream connection) open for the next
  afterEach(async (ctx) => {
    let n = 0
    for (const p of browser?.pages() ?? []) {
      if (ctx.task.result?.state === 'fail')
        await snap(p, `workspace-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${n++}`)
      await p.close()
    }
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('an admin signs in, sees the builder link, imports real leads with progress and a summary', async () => {
    const page = await browser.newPage()
    await signIn(page, adminEmail, adminPassword)
    await page.getByTestId('builder-link').waitFor()
    await snap(page, 'workspace-01-apps')

    await page.goto(`${url}/apps/crm/import/lead`)
    await page.getByTestId('import-file').setInputFiles(leadsSample(120))
    await page.getByLabel('Profile', { exact: true }).fill('leads-education')
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 })
    const summary = await page.getByTestId('import-summary').textContent()
    expect(summary).toMatch(/\d+ created/)
    await snap(page, 'workspace-02-import-done')
    await page.close()
  })

  it('the records table pages on the server, filters A-grade leads from a link and by the filter panel', async () => {
    const page = await browser.newPage()
    await signIn(page, adminEmail, adminPassword)
    await page.goto(`${url}/apps/crm/forms/lead`)
    const total = page.getByTestId('records-total')
    await expect.poll(async () => total.textContent(), { timeout: 30_000 }).toMatch(/[1-9]\d* in total/)
    await snap(page, 'workspace-03-leads')

    await page.goto(`${url}/apps/crm/forms/lead?in.grade=A`)
    await expect.poll(async () => total.textContent(), { timeout: 30_000 }).toMatch(/\d+ in total/)
    const all = await api<{ items: { data: Record<string, unknown> }[]; total: number }>(
      admin,
      'GET',
      `/apps/crm/forms/lead/records?limit=1&filter=${encodeURIComponent(JSON.stringify({ grade: { in: ['A'] } }))}`,
    )
    expect(await total.textContent()).toBe(`${all.total} in total`)
    await snap(page, 'workspace-04-grade-a')
    await page.close()
  })

  it('a record page shows its actions and history; a transition needing fields asks for them', async () => {
    const list = await api<{ items: { id: string; state: string }[] }>(
      admin,
      'GET',
      '/apps/crm/forms/lead/records?limit=50',
    )
    const lead = list.items.find((r) => r.state === 'new' || r.state === 'nurturing') ?? list.items[0]
    expect(lead).toBeDefined()
    const page = await browser.newPage()
    await signIn(page, adminEmail, adminPassword)
    await page.goto(`${url}/records/${lead!.id}`)
    await page.locator('.record-timeline').waitFor()
    await snap(page, 'workspace-05-record')
    const disqualify = page.locator('[data-transition="disqualify"]')
    if ((await disqualify.count()) > 0) {
      await disqualify.click()
      await page.getByRole('dialog').waitFor()
      await snap(page, 'workspace-06-transition-dialog')
      await page.getByRole('button', { name: 'Cancel' }).click()
    }
    await page.close()
  })

  it('a member does not see the builder; a phone-sized form is one column; HTML typed by a user is text', async () => {
    const opsEmail = `ops-${Date.now()}@example.com`
    await addMember(admin, 'crm', { email: opsEmail, name: 'Olga Ops', password: 'ops-password-1' }, [
      'operations',
    ])
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
    const created = await api<{ id: string }>(admin, 'POST', '/apps/crm/forms/lead/records', {
      data: { name: xss, email: 'xss@example.com', company: 'Evil <b>Corp</b>' },
    })
    const phone = await browser.newPage()
    await phone.setViewportSize({ width: 360, height: 740 })
    await signIn(phone, opsEmail, 'ops-password-1')
    await phone.getByRole('link', { name: /Inbox/ }).waitFor()
    expect(await phone.getByTestId('builder-link').count()).toBe(0)
    await phone.goto(`${url}/apps/crm/forms/lead/new`)
    await phone.locator('.form-renderer').waitFor()
    const columns = await phone
      .locator('.form-grid')
      .first()
      .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length)
    expect(columns).toBe(1)
    await snap(phone, 'workspace-07-phone-form')

    await phone.goto(`${url}/records/${created.id}`)
    await phone.getByText(xss).first().waitFor()
    expect(await phone.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    await snap(phone, 'workspace-08-html-as-text')
    await phone.close()
  })
})
