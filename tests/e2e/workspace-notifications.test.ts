import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * The bell in Chromium: a notify action's message reaches its recipient's top bar while the page is
 * open (through the event stream), the list shows it, clicking it opens the record and marks it
 * read. Screenshots land in tests/e2e/screenshots/notifications-*.png.
 */

const deskApp = {
  key: 'desk',
  name: { en: 'Help desk', 'zh-CN': '服务台' },
  roles: [{ key: 'ops', label: 'Operations' }],
  forms: [{ key: 'ticket', title: 'Ticket', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  workflows: [
    {
      key: 'flow',
      form: 'ticket',
      initial: 'open',
      states: [
        { key: 'open', label: 'Open' },
        { key: 'done', label: 'Done', final: true },
      ],
      transitions: [
        {
          key: 'escalate',
          label: 'Escalate',
          from: ['open'],
          to: 'open',
          roles: ['ops'],
          actions: [
            {
              type: 'notify',
              to: { role: 'ops' },
              message: { en: 'Ticket escalated', 'zh-CN': '工单已升级' },
            },
          ],
        },
        { key: 'close', label: 'Close', from: ['open'], to: 'done', roles: ['ops'] },
      ],
    },
  ],
}

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
const ops = { email: 'ops@desk.test', name: 'Olga Ops', password: 'ops password 12345' }

async function signIn(page: Page, email: string, password: string) {
  await signInAt(page, server.url, email, password)
}

/** A ticket the admin escalates over the API: its notify reaches every ops member. */
async function escalated(title: string): Promise<string> {
  const rec = await api<{ id: string; version: number }>(admin, 'POST', '/apps/desk/forms/ticket/records', {
    data: { title },
  })
  await api(admin, 'POST', `/records/${rec.id}/transitions/escalate`, { data: {}, version: rec.version })
  return rec.id
}

describe('the notification bell in the browser', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    await api(admin, 'PUT', '/apps/desk/draft', deskApp)
    await api(admin, 'POST', '/apps/desk/publish', {})
    await addMember(admin, 'desk', ops, ['ops'])
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })
  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('counts a new notification live, lists it, opens its record and marks it read', async () => {
    const page = await browser.newPage()
    await signIn(page, ops.email, ops.password)
    const count = page.getByTestId('notification-count')
    await expect(count.textContent()).resolves.not.toMatch(/\d/)

    await escalated('Printer on fire')
    const second = await escalated('Coffee machine leaks')
    // the event stream brings the news: no reload
    await page.getByTestId('notification-count').getByText('2').waitFor({ timeout: 15_000 })
    await snap(page, 'notifications-01-badge')

    await page.getByTestId('notification-bell').click()
    const items = page.getByTestId('notification-item')
    await items.nth(1).waitFor()
    expect(await items.count()).toBe(2)
    await expect(items.first().textContent()).resolves.toContain('Ticket escalated')
    // the app by its name, not its key
    await items
      .first()
      .getByText(/^Help desk · /)
      .waitFor()
    await snap(page, 'notifications-02-list')

    await items.first().click()
    await page.waitForURL(new RegExp(`/records/${second}$`))
    await page.getByTestId('notification-count').getByText('1').waitFor({ timeout: 10_000 })
    await snap(page, 'notifications-03-opened')

    await page.getByTestId('notification-bell').click()
    await page.getByRole('button', { name: 'Mark all read' }).click()
    await page.waitForFunction(
      () => !/\d/.test(document.querySelector('[data-testid="notification-count"]')?.textContent ?? ''),
    )
    const unread = await api<{ count: number }>(
      await apiLogin(server.url, ops.email, ops.password),
      'GET',
      '/notifications/unread-count',
    )
    expect(unread.count).toBe(0)
    await snap(page, 'notifications-04-all-read')
    await page.close()
  })

  it('shows the list in Chinese', async () => {
    const page = await browser.newPage()
    await signIn(page, ops.email, ops.password)
    await escalated('Projector')
    await page.getByTestId('notification-count').getByText('1').waitFor({ timeout: 15_000 })
    await page.evaluate(() => localStorage.setItem('tessera.language', 'zh-CN'))
    await page.reload()
    await page.getByTestId('notification-bell').click()
    await page.getByText('工单已升级').first().waitFor()
    await page.getByRole('button', { name: '全部标为已读' }).waitFor()
    await snap(page, 'notifications-05-zh')
    await page.close()
  })
})
