import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * The CRM handoff as its people do it, with real clicks and drags: operations qualifies and hands
 * off A/B-grade leads; the sales rep finds them in the inbox, returns one with a reason, accepts and
 * converts another, and moves the opportunity on the kanban; operations sees the return reason;
 * two browsers editing one record get the conflict dialog; an anonymous public lead arrives in `new`.
 */

const dataDir =
  process.env.TESSERA_SHARED_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data')
const external = process.env.WS_E2E_URL
const stamp = Date.now()

interface Rec {
  id: string
  state: string
  version: number
  assignee: string | null
  data: Record<string, unknown>
}

let server: RunningServer | null = null
let url = ''
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
const ops = { email: `ops-flow-${stamp}@example.com`, name: 'Olga Ops', password: 'ops-password-1' }
const rep = { email: `rep-flow-${stamp}@example.com`, name: 'Ravi Rep', password: 'rep-password-1' }
let repId = ''
let leads: Rec[] = []

async function signIn(page: Page, email: string, password: string) {
  await signInAt(page, url, email, password)
}

/** Picks an option of an antd select by the field's label, as a person does: open, click. */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string) {
  // the label may carry a required mark (`* Return reason`), so match it by its end
  await scope.getByLabel(new RegExp(`${label}$`)).click()
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click()
}

const record = (id: string) => api<Rec>(admin, 'GET', `/records/${id}`)

/** Drags with the pointer in small steps, so dnd-kit sees a real drag. */
async function drag(page: Page, from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>) {
  const a = await from.boundingBox()
  const b = await to.boundingBox()
  if (!a || !b) throw new Error('drag: element not visible')
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 12)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height, { steps: 5 })
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 15 })
  await page.mouse.up()
}

describe('the CRM handoff in the browser', () => {
  beforeAll(async () => {
    if (external) url = external
    else {
      server = await startServer()
      url = server.url
    }
    admin = await apiLogin(
      url,
      server?.adminEmail ?? 'admin@example.com',
      server?.adminPassword ?? process.env.WS_E2E_ADMIN_PASSWORD ?? '',
    )
    await addMember(admin, 'crm', ops, ['operations'])
    repId = await addMember(admin, 'crm', rep, ['sales'], { region: 'East' })
    // leads to work on, imported from the real file (through the API here; the smoke test does it in the UI)
    const lines = readFileSync(join(dataDir, 'leads-education.csv'), 'utf8').split(/\r?\n/)
    const file = join(mkdtempSync(join(tmpdir(), 'ws-flow-')), 'leads.csv')
    writeFileSync(file, `${lines.slice(0, 301).join('\n')}\n`)
    const form = new FormData()
    form.append('profile', 'leads-education')
    form.append('file', new Blob([readFileSync(file)]), 'leads-education.csv')
    const job = (await (
      await fetch(`${url}/api/apps/crm/forms/lead/imports`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: form,
      })
    ).json()) as { id: string }
    for (let i = 0; i < 120; i++) {
      const j = await api<{ status: string }>(admin, 'GET', `/apps/crm/forms/lead/imports/${job.id}`)
      if (j.status === 'done' || j.status === 'failed') break
      await new Promise((r) => setTimeout(r, 500))
    }
    const filter = encodeURIComponent(JSON.stringify({ grade: { in: ['A', 'B'] }, state: { in: ['new'] } }))
    leads = (
      await api<{ items: Rec[] }>(admin, 'GET', `/apps/crm/forms/lead/records?limit=3&filter=${filter}`)
    ).items
    expect(leads.length).toBe(3)
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

  it('operations sets the region, qualifies and hands off a lead; it goes to the rep of that region', async () => {
    const page = await browser.newPage()
    await signIn(page, ops.email, ops.password)
    for (const [i, lead] of leads.slice(0, 2).entries()) {
      await page.goto(`${url}/records/${lead.id}`)
      await page.locator('.record-form').waitFor()
      await choose(page, page.locator('.record-form'), 'Region', 'East')
      if (i === 0) {
        await page.getByRole('button', { name: 'Save' }).click()
        await expect.poll(async () => (await record(lead.id)).data.region).toBe('East')
      }
      // the second is not saved first: the move carries the region on screen, in the same write
      await page.locator('[data-transition="qualify"]').click()
      await expect.poll(async () => (await record(lead.id)).state, { timeout: 15_000 }).toBe('qualified')
      expect((await record(lead.id)).data.region).toBe('East')
      // and the form takes the record as the move left it: nothing unsaved, nobody else's change
      await expect.poll(() => page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true)
      expect(await page.locator('.record-form .ant-alert-warning').count()).toBe(0)
      await page.locator('[data-transition="hand_off"]').click()
      await expect.poll(async () => (await record(lead.id)).state, { timeout: 15_000 }).toBe('handed_off')
    }
    await snap(page, 'workspace-flow-01-handed-off')
    expect((await record(leads[0]!.id)).assignee).toBe(repId)
    await page.close()
  })

  it('the rep finds both in the inbox, returns one with a reason, accepts and converts the other', async () => {
    const page = await browser.newPage()
    await signIn(page, rep.email, rep.password)
    await page.getByRole('link', { name: /Inbox/ }).click()
    const second = page.locator(`.inbox-item[data-record="${leads[1]!.id}"]`)
    await second.waitFor()
    await page.locator(`.inbox-item[data-record="${leads[0]!.id}"]`).waitFor()
    await snap(page, 'workspace-flow-02-inbox')

    await second.locator('[data-transition="return"]').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await choose(page, dialog, 'Return reason', 'No budget')
    await snap(page, 'workspace-flow-03-return-dialog')
    await dialog.getByRole('button', { name: /Return/ }).click()
    await expect.poll(async () => (await record(leads[1]!.id)).state, { timeout: 15_000 }).toBe('nurturing')

    // the top bar's counts sit beside what they count: the inbox's not over the word, the bell's
    // not under the language switch
    const box = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!
    const inboxCount = await box(page.locator('.top-bar-link .ant-badge-count').first())
    const inboxWord = await box(page.locator('.top-bar-link .top-bar-text', { hasText: 'Inbox' }))
    expect(inboxCount.x + inboxCount.width).toBeLessThanOrEqual(inboxWord.x)
    const bell = await box(page.getByTestId('notification-bell'))
    const language = await box(page.locator('.top-bar .language-switch'))
    expect(bell.x + bell.width).toBeLessThanOrEqual(language.x)
    const bellCount = page.locator('[data-testid="notification-count"] .ant-badge-count')
    if (await bellCount.count()) {
      const c = await box(bellCount)
      expect(c.x + c.width).toBeLessThanOrEqual(language.x)
    }

    // a double click moves the lead once: no second request refused as a stale version
    await page.locator(`.inbox-item[data-record="${leads[0]!.id}"] [data-transition="accept"]`).dblclick()
    await expect.poll(async () => (await record(leads[0]!.id)).state, { timeout: 15_000 }).toBe('accepted')
    await page.waitForTimeout(1500)
    expect(await page.locator('.ant-message-error').count()).toBe(0)

    // a rep may not export or import leads: the list offers neither
    await page.goto(`${url}/apps/crm/forms/lead`)
    await page.locator('.records-toolbar').waitFor()
    await page.locator('.ant-table-row').first().waitFor()
    expect(await page.getByRole('button', { name: 'Export' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0)
    // but may enter a lead
    await page.getByRole('button', { name: 'New' }).waitFor()
    await page.goto(`${url}/records/${leads[0]!.id}`)
    await page.locator('[data-transition="convert"]').click()
    const convert = page.getByRole('dialog')
    await convert.waitFor()
    const company = convert.getByLabel(/Company$/)
    if (!(await company.inputValue())) await company.fill(`Acme Learning ${stamp}`)
    await convert.getByRole('button', { name: /Convert/ }).click()
    await expect.poll(async () => (await record(leads[0]!.id)).state, { timeout: 20_000 }).toBe('converted')
    await page.reload()
    await page.locator('.related-records a').first().waitFor()
    await snap(page, 'workspace-flow-04-converted')
    await page.close()
  })

  it('the rep drags the new opportunity on the kanban; won asks for the close value and date', async () => {
    const converted = await record(leads[0]!.id)
    const oppId = String(converted.data.converted_opportunity)
    const page = await browser.newPage()
    await signIn(page, rep.email, rep.password)
    await page.goto(`${url}/apps/crm/kanban/opportunity`)
    const card = page.locator(`.kanban-card[data-record="${oppId}"]`)
    await card.waitFor()
    await drag(page, card, page.locator('.kanban-column[data-state="engaging"]'))
    await expect.poll(async () => (await record(oppId)).state, { timeout: 15_000 }).toBe('engaging')
    // the card waits while its move is on its way, then can be moved on
    await page
      .locator('.kanban-column[data-state="engaging"]')
      .locator(`[data-record="${oppId}"]:not([aria-busy])`)
      .waitFor()
    const inColumn = (state: string) =>
      page.locator(`.kanban-column[data-state="${state}"] .kanban-card[data-record="${oppId}"]`)
    const won = page.locator('.kanban-column[data-state="won"]')
    await drag(page, inColumn('engaging'), won)
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    // while won asks for its fields the card stays in its column, and a cancelled dialog leaves it there
    expect(await inColumn('engaging').count()).toBe(1)
    expect(await inColumn('won').count()).toBe(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await inColumn('engaging').waitFor()
    expect(await inColumn('won').count()).toBe(0)
    await drag(page, inColumn('engaging'), won)
    await dialog.waitFor()
    expect(await inColumn('won').count()).toBe(0)
    // the dialog words its checks as the record form does, and catches too many decimals
    const win = dialog.getByRole('button', { name: /Win|won/i })
    await dialog.getByLabel(/Close value$/).fill('-500')
    await win.click()
    await dialog.getByText('Close value must be at least 0.').waitFor()
    await dialog.getByLabel(/Close value$/).fill('12345.678')
    await dialog.getByText('Close value allows at most 2 decimal places (it has 3).').waitFor()
    await snap(page, 'workspace-flow-05a-won-dialog-checks')
    expect((await record(oppId)).state).toBe('engaging')
    await dialog.getByLabel(/Close value$/).fill('12345.60')
    await dialog.getByLabel(/Close date$/).click()
    // the deal was engaged today (the engage move stamps it), and it cannot close before that
    const engaged = String((await record(oppId)).data.engage_date)
    await page.keyboard.type(engaged)
    await page.keyboard.press('Enter')
    await snap(page, 'workspace-flow-05-won-dialog')
    await dialog.getByRole('button', { name: /Win|won/i }).click()
    await expect.poll(async () => (await record(oppId)).state, { timeout: 15_000 }).toBe('won')
    expect((await record(oppId)).data.close_value).toBe('12345.60')
    await inColumn('won').waitFor()
    expect(await inColumn('engaging').count()).toBe(0)
    await snap(page, 'workspace-flow-06-kanban-won')
    await page.close()
  })

  it("operations finds the returned lead in the team's queue of the inbox and sees the return reason", async () => {
    const page = await browser.newPage()
    await signIn(page, ops.email, ops.password)
    // operations may read opportunities but not create them: the list offers no New
    await page.goto(`${url}/apps/crm/forms/opportunity`)
    await page.locator('.records-toolbar').waitFor()
    expect(await page.getByRole('button', { name: 'New' }).count()).toBe(0)
    await page.getByRole('link', { name: /Inbox/ }).click()
    // back in nurturing the lead belongs to operations as a whole: no one holds it, anyone may take it
    const queue = page.locator('.role-queues .role-queue[data-queue="lead/nurturing"]')
    await queue.locator(`[data-record="${leads[1]!.id}"]`).waitFor()
    await snap(page, 'workspace-flow-07-ops-queue')
    // the queue's list link opens the records page filtered to it
    await queue.getByRole('link', { name: 'Open the list' }).click()
    await page.waitForURL(/in\.state=nurturing/)
    await page.locator(`tr[data-row-key="${leads[1]!.id}"]`).waitFor()
    await page.goBack()
    await queue.locator(`[data-record="${leads[1]!.id}"] a`).click()
    await page.waitForURL(new RegExp(`/records/${leads[1]!.id}`))
    await page.locator('.record-timeline').getByText('No budget').first().waitFor()
    await snap(page, 'workspace-flow-07-return-reason')
    await page.close()
  })

  it('two browsers edit one record: the second save gets the conflict dialog, nothing overwritten', async () => {
    const lead = leads[2]!
    const a = await browser.newPage()
    const b = await browser.newPage()
    await signIn(a, ops.email, ops.password)
    for (const p of [a, b]) {
      await p.goto(`${url}/records/${lead.id}`)
      await p.locator('.record-form').waitFor()
    }
    // both start editing the same version; a saves first
    await b.getByLabel('Campaign', { exact: true }).fill('Autumn fair')
    await a.getByLabel('Campaign', { exact: true }).fill('Spring fair')
    await a.getByRole('button', { name: 'Save' }).click()
    await expect.poll(async () => (await record(lead.id)).data.campaign).toBe('Spring fair')
    // b's page hears of the change but keeps b's typing; its save carries the old version: 409
    await b.getByRole('button', { name: 'Save' }).click()
    await b.getByRole('dialog').getByText('Someone else changed this record').waitFor()
    await snap(b, 'workspace-flow-08-conflict')
    expect((await record(lead.id)).data.campaign).toBe('Spring fair')
    await a.close()
    await b.close()
  })

  it('the dashboard shows the figures', async () => {
    const page = await browser.newPage()
    await signIn(
      page,
      server?.adminEmail ?? 'admin@example.com',
      server?.adminPassword ?? process.env.WS_E2E_ADMIN_PASSWORD ?? '',
    )
    await page.goto(`${url}/apps/crm/dashboards/sales`)
    await page
      .locator('.dashboard-widget canvas, .dashboard-widget .ant-statistic')
      .first()
      .waitFor({ timeout: 30_000 })
    await page.waitForTimeout(1500)
    await snap(page, 'workspace-flow-09-dashboard')

    // the handoff dashboard: its tables stay inside their cards (scrolling sideways when wider),
    // the donut names its slices in a legend
    await page.goto(`${url}/apps/crm/dashboards/handoff`)
    await page.locator('.dashboard-widget.widget-table .ant-table').first().waitFor({ timeout: 30_000 })
    await page.waitForTimeout(1500)
    await snap(page, 'workspace-flow-10-handoff-dashboard')
    const overflows = await page.$$eval('.dashboard-widget', (cards) =>
      cards
        .filter((c) => {
          const card = c.getBoundingClientRect()
          const grid = c.parentElement!.getBoundingClientRect()
          const table = c.querySelector('.ant-table')?.getBoundingClientRect()
          return card.right > grid.right + 1 || (table !== undefined && table.right > card.right + 1)
        })
        .map((c) => c.getAttribute('data-widget')),
    )
    expect(overflows).toEqual([])
    await page.close()
  })

  it('Import and New are offered only to who may: the rep sees neither where the CRM forbids it, and the page says so', async () => {
    const page = await browser.newPage()
    try {
      await signIn(page, ops.email, ops.password)
      await page.goto(`${url}/apps`)
      // the lead's New link shows once the session is read: the links below are decided by then
      await page.locator('a[href="/apps/crm/forms/lead/new"]').waitFor()
      expect(await page.locator('a[href="/apps/crm/import/lead"]').count()).toBe(1)
      expect(await page.locator('a[href="/apps/crm/forms/product/new"]').count()).toBe(0)
      await page.context().clearCookies()

      await signIn(page, rep.email, rep.password)
      await page.goto(`${url}/apps`)
      await page.locator('a[href="/apps/crm/forms/lead/new"]').waitFor()
      expect(await page.locator('a[href*="/import/"]').count()).toBe(0)
      expect(await page.locator('a[href="/apps/crm/forms/product/new"]').count()).toBe(0)
      await page.goto(`${url}/apps/crm/import/lead`)
      await page.getByText(/You may not import records of/).waitFor()
      expect(await page.getByTestId('import-file').count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Choose file' }).count()).toBe(0)
      await page.goto(`${url}/apps/crm/forms/product/new`)
      await page.getByText(/You may not create records of/).waitFor()
      expect(await page.getByRole('button', { name: /submit/i }).count()).toBe(0)
      await snap(page, 'crm-rep-may-not-import')
    } finally {
      await page.close()
    }
  })

  it('what the server answers is shown where it belongs: long names, counts, a refused export or move', async () => {
    const page = await browser.newPage()
    await page.setViewportSize({ width: 1400, height: 900 })
    await signIn(
      page,
      server?.adminEmail ?? 'admin@example.com',
      server?.adminPassword ?? process.env.WS_E2E_ADMIN_PASSWORD ?? '',
    )
    // 120 unread notifications, and a lead whose name is 120 characters without a space
    await page.route('**/api/notifications/unread-count', (r) => r.fulfill({ json: { count: 120 } }))
    const long = `Wolfeschlegelsteinhausenbergerdorff${'x'.repeat(85)}`
    await page.route('**/api/apps/crm/forms/lead/records?**', async (r) => {
      const res = await r.fetch()
      const body = (await res.json()) as { items: Rec[] }
      if (body.items[0]) body.items[0].data.name = long
      await r.fulfill({ response: res, json: body })
    })
    await page.goto(`${url}/apps/crm/forms/lead`)
    await page.locator('.ant-table-row').first().waitFor()
    await page.getByTestId('notification-count').getByText('99+').waitFor()
    await snap(page, 'workspace-flow-11-long-name-and-counts')
    const bellCount = (await page
      .locator('[data-testid="notification-count"] .ant-badge-count')
      .boundingBox())!
    const language = (await page.locator('.top-bar .language-switch').boundingBox())!
    expect(bellCount.x + bellCount.width).toBeLessThanOrEqual(language.x)
    // the long name is cut to one line with the whole of it as the title; the table fits the page
    const name = page.locator('.ant-table-row').first().locator(`.cell-clip[title="${long}"]`)
    expect(await name.count()).toBe(1)
    // the name column keeps to its cap; what is wider than the page scrolls inside the table
    const widths = await page.evaluate(() => {
      const heads = Array.from(document.querySelectorAll('.ant-table-thead th'))
      const nameHead = heads.find((h) => h.textContent?.trim() === 'Name')!
      return {
        name: nameHead.getBoundingClientRect().width,
        table: document.querySelector('.ant-table')!.getBoundingClientRect().right,
        page: document.documentElement.scrollWidth,
      }
    })
    expect(widths.name).toBeLessThanOrEqual(360)
    expect(widths.table).toBeLessThanOrEqual(1400)
    expect(widths.page).toBeLessThanOrEqual(1400)
    // no state is cut short
    const clippedStates = await page.$$eval('.cell-tag', (tags) =>
      tags.filter((t) => t.scrollWidth > t.clientWidth).map((t) => t.textContent),
    )
    expect(clippedStates).toEqual([])

    // a refused export is a message with the server's reason, not a file
    let downloads = 0
    page.on('download', () => downloads++)
    await page.route('**/api/apps/crm/forms/lead/export?**', (r) =>
      r.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        json: { status: 403, code: 'FORBIDDEN', detail: 'You may not export records of lead' },
      }),
    )
    await page.getByRole('button', { name: 'Export' }).hover()
    await page.getByRole('menuitem', { name: 'CSV' }).click()
    await page
      .locator('.ant-message-error')
      .getByText(/You may not export records of lead/)
      .waitFor()
    expect(downloads).toBe(0)

    // a move the server refuses with a field error marks that field in the dialog
    const lead = leads[2]!
    await page.route(`**/api/records/${lead.id}/transitions/disqualify`, (r) =>
      r.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        json: {
          status: 422,
          code: 'VALIDATION_FAILED',
          detail: 'The record is not valid',
          errors: [
            { path: '/disqualify_reason', code: 'option', message: 'Disqualify reason is not one we keep.' },
          ],
        },
      }),
    )
    await page.goto(`${url}/records/${lead.id}`)
    await page.locator('[data-transition="disqualify"]').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await choose(page, dialog, 'Disqualify reason', 'Not interested')
    await dialog.getByRole('button', { name: /Disqualify/ }).click()
    await dialog.locator('.field-error').getByText('Disqualify reason is not one we keep.').waitFor()
    const banner = await dialog.locator('.ant-alert-error').innerText()
    expect(banner).not.toContain('Disqualify reason: Disqualify reason')
    await snap(page, 'workspace-flow-12-refused-move')
    await page.close()
  })
})
