import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drag } from './builder-ui-helpers.js'
import { seriousViolations } from './support/axe.js'
import { type BrowserContext, launchBrowser, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * Bulk actions and column widths on a records table, in Chromium: select rows, hand them to
 * another member, export only the selection, and widen a column by dragging and by keyboard, kept
 * in a saved view. Screenshots: tests/e2e/screenshots/workspace-bulk-*.png.
 */

const desk = {
  key: 'desk',
  name: { en: 'Service desk', 'zh-CN': '服务台' },
  roles: [{ key: 'agent' }],
  forms: [
    {
      key: 'ticket',
      title: { en: 'Ticket', 'zh-CN': '工单' },
      fields: [
        { key: 'subject', type: 'text', label: { en: 'Subject', 'zh-CN': '主题' }, required: true },
        { key: 'handler', type: 'user', label: { en: 'Handler', 'zh-CN': '处理人' } },
      ],
    },
  ],
  workflows: [
    {
      key: 'ticket_flow',
      form: 'ticket',
      initial: 'open',
      states: [
        { key: 'open', label: { en: 'Open', 'zh-CN': '处理中' }, assignee: { field: 'handler' } },
        { key: 'done', label: { en: 'Done', 'zh-CN': '已完成' }, final: true },
      ],
      transitions: [
        {
          key: 'close',
          label: { en: 'Close', 'zh-CN': '关闭' },
          from: ['open'],
          to: 'done',
          roles: ['agent'],
        },
      ],
    },
  ],
}

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
let ana = ''
let ben = ''

interface Listed {
  items: { id: string; assignee: string | null; data: Record<string, unknown> }[]
}

describe('bulk actions and column widths on the records table', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    await api(admin, 'PUT', '/apps/desk/draft', desk)
    await api(admin, 'POST', '/apps/desk/publish', {})
    const pw = 'a long enough password 1'
    ana = await addMember(admin, 'desk', { email: 'ana@desk.test', name: 'Ana Agent', password: pw }, [
      'agent',
    ])
    ben = await addMember(admin, 'desk', { email: 'ben@desk.test', name: 'Ben Agent', password: pw }, [
      'agent',
    ])
    for (const n of [1, 2, 3, 4])
      await api(admin, 'POST', '/apps/desk/forms/ticket/records', {
        data: { subject: `Printer ${n} jams`, handler: ana },
      })
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })
  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('hands three selected tickets to another agent, exports only them, and keeps a dragged column width in a view', async () => {
    const page = await browser.newPage()
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
    await page.goto(`${server.url}/apps/desk/forms/ticket`)
    await page.getByText('Printer 4 jams').waitFor()

    // select three rows (sorted newest first: 4, 3, 2)
    const rows = page.locator('.ant-table-tbody tr.ant-table-row')
    for (const i of [0, 1, 2]) await rows.nth(i).locator('input[type="checkbox"]').check()
    await page.getByText('3 selected', { exact: true }).waitFor()
    await snap(page, 'workspace-bulk-01-selected')
    // the bulk bar and the column handles are labelled controls
    expect(await seriousViolations(page)).toEqual([])

    // export only the selection
    const exported = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export 3 selected' }).hover()
    await page.getByRole('menuitem', { name: 'CSV' }).click()
    const csv = readFileSync((await (await exported).path()) as string, 'utf8')
    const lines = csv.trim().split(/\r?\n/)
    expect(lines).toHaveLength(4)
    expect(csv).toContain('Printer 4 jams')
    expect(csv).not.toContain('Printer 1 jams')

    // assign them to Ben
    await page.getByRole('combobox', { name: 'Assign to…' }).click()
    await page.getByTitle('Ben Agent <ben@desk.test>').click()
    await page.getByRole('button', { name: 'Assign 3' }).click()
    await page.getByText('3 assigned, 0 not').waitFor()
    const listed = await api<Listed>(admin, 'GET', '/apps/desk/forms/ticket/records?sort=subject')
    expect(listed.items.map((r) => [r.data.subject, r.assignee])).toEqual([
      ['Printer 1 jams', ana],
      ['Printer 2 jams', ben],
      ['Printer 3 jams', ben],
      ['Printer 4 jams', ben],
    ])
    await snap(page, 'workspace-bulk-02-assigned')

    // widen the Subject column by dragging its edge, then by keyboard
    const header = page.locator('th', { hasText: 'Subject' })
    const before = (await header.boundingBox())!.width
    const handle = page.getByRole('separator', { name: /Resize column Subject/ })
    const box = (await handle.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + 150, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    const dragged = (await header.boundingBox())!.width
    expect(dragged).toBeGreaterThan(before + 100)
    await handle.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect((await header.boundingBox())!.width).toBeGreaterThan(dragged + 20)
    await snap(page, 'workspace-bulk-03-widened')

    // a saved view keeps the widths
    await page.getByRole('button', { name: 'Views' }).click()
    await page.getByRole('menuitem', { name: 'Save view' }).click()
    await page.getByLabel('View name').fill('Wide subject')
    await page.getByRole('button', { name: 'OK' }).click()
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    const views = await api<{ items: { name: string; settings: { widths?: Record<string, number> } }[] }>(
      admin,
      'GET',
      '/apps/desk/forms/ticket/views',
    )
    expect(views.items.find((v) => v.name === 'Wide subject')?.settings.widths?.subject).toBeGreaterThan(
      before + 100,
    )
    expect(ben).not.toBe(ana)
  })

  it('the board counts every record of a state, shows its newest cards with the view’s fields, and a move counts at once', async () => {
    // 4 open tickets so far (one with Ana, three with Ben); 52 more make the column longer than it shows
    for (let n = 5; n <= 56; n++)
      await api(admin, 'POST', '/apps/desk/forms/ticket/records', {
        data: { subject: `Paper ${n} out`, handler: ana },
      })
    const page = await browser.newPage()
    await page.goto(`${server.url}/apps/desk/kanban/ticket`)
    const open = page.locator('.kanban-column[data-state="open"]')
    const done = page.locator('.kanban-column[data-state="done"]')
    await expect.poll(() => open.locator('.kanban-count').innerText()).toBe('56')
    expect(await open.locator('.kanban-card').count()).toBe(50)
    await open.getByRole('link', { name: '6 more in the list' }).waitFor()
    expect(await done.locator('.kanban-count').innerText()).toBe('0')
    await drag(page, open.locator('.kanban-card').first(), done)
    await expect.poll(() => done.locator('.kanban-count').innerText()).toBe('1')
    expect(await open.locator('.kanban-count').innerText()).toBe('55')
    await snap(page, 'workspace-bulk-04-board')
    const closed = await api<{ total: number }>(
      admin,
      'GET',
      `/apps/desk/forms/ticket/records?filter=${encodeURIComponent(JSON.stringify({ state: { eq: 'done' } }))}`,
    )
    expect(closed.total).toBe(1)
    await page.close()
  })

  it('on a 360 px phone an agent works the inbox: opens a ticket and closes it, nothing wider than the screen', async () => {
    const phone = await browser.newPage()
    await phone.setViewportSize({ width: 360, height: 740 })
    await signIn(phone, server.url, 'ben@desk.test', 'a long enough password 1')
    const fits = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
    await phone.getByRole('link', { name: /Inbox/ }).click()
    await phone.getByText('Printer 2 jams').waitFor()
    await snap(phone, 'workspace-bulk-05-phone-inbox')
    const wide = await phone.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8)
        .map(
          (e) =>
            `${e.tagName}.${String(e.className).slice(0, 60)} ${Math.round(e.getBoundingClientRect().right)}`,
        ),
    )
    expect(wide).toEqual([])
    expect(await fits()).toBe(true)
    await snap(phone, 'workspace-bulk-05-phone-inbox')
    await phone.getByRole('link', { name: 'Printer 2 jams' }).first().click()
    await phone.waitForURL(/\/records\//)
    const close = phone.locator('.record-actions').getByRole('button', { name: 'Close', exact: true })
    await close.waitFor()
    expect(await fits()).toBe(true)
    // a thumb-sized target
    expect((await close.boundingBox())!.height).toBeGreaterThanOrEqual(40)
    await snap(phone, 'workspace-bulk-06-phone-record')
    await close.click()
    await phone.getByText('Done').first().waitFor()
    const listed = await api<Listed>(admin, 'GET', '/apps/desk/forms/ticket/records?q=Printer')
    expect(listed.items.find((r) => r.data.subject === 'Printer 2 jams')).toMatchObject({ assignee: ben })
    const closed = await api<{ items: { data: Record<string, unknown> }[] }>(
      admin,
      'GET',
      `/apps/desk/forms/ticket/records?filter=${encodeURIComponent(JSON.stringify({ state: { eq: 'done' } }))}`,
    )
    expect(closed.items.map((r) => r.data.subject)).toContain('Printer 2 jams')
    await phone.close()
  })
})
