import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drag, saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * The draft as an admin relies on it: leaving with unsaved work asks first (a link, the back
 * button, closing the tab), and the workflow graph's arrangement is saved with the draft, so
 * another browser opens the same layout.
 */

let server: RunningServer
let admin: ApiSession
const contexts: { close: () => Promise<void> }[] = []

const draftApp = {
  key: 'leave',
  name: 'Leave test',
  roles: [{ key: 'ops' }],
  forms: [{ key: 'ticket', title: 'Ticket', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  workflows: [
    {
      key: 'flow',
      form: 'ticket',
      initial: 'open',
      states: [
        { key: 'open', label: 'Open' },
        { key: 'closed', label: 'Closed', final: true },
      ],
      transitions: [{ key: 'close', from: ['open'], to: 'closed', roles: ['ops'] }],
    },
  ],
}

async function signedIn(): Promise<{ browser: BrowserContext; page: Page }> {
  const launched = await launchBrowser()
  contexts.push(launched)
  const page = launched.browser.pages()[0] ?? (await launched.browser.newPage())
  await signIn(page, server.url, server.adminEmail, server.adminPassword)
  return { browser: launched.browser, page }
}

const leaveDialog = (page: Page) =>
  page.locator('.ant-modal-confirm', { hasText: 'Leave with unsaved changes?' })

describe('the builder draft', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    await api(admin, 'PUT', '/apps/leave/draft', draftApp)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await server?.stop()
  })

  it('asks before a link, the back button or closing the tab leaves unsaved work', async () => {
    const { page } = await signedIn()
    // Open the editor in the app, so the back button is an in-app navigation.
    await page.goto(`${server.url}/builder`)
    await page.getByTestId('builder-app-leave').getByRole('link', { name: 'Open' }).click()
    await page.locator('[data-field-key^=title]').click()
    // The server refuses every save: the edit stays unsaved.
    await page.route('**/api/apps/leave/draft', (route) =>
      route.request().method() === 'PUT' ? route.abort() : route.continue(),
    )
    await page.locator('#builder-field-label-en').fill('Title (unsaved)')
    await page.locator('[data-testid=builder-save-status][data-status=error]').waitFor({ timeout: 20_000 })

    await page.getByRole('link', { name: 'All apps' }).click()
    await leaveDialog(page).waitFor()
    await snap(page, 'builder-draft-01-leave-asks')
    await leaveDialog(page).getByRole('button', { name: 'Stay' }).click()
    await leaveDialog(page).waitFor({ state: 'detached' })
    expect(new URL(page.url()).pathname).toBe('/builder/leave/forms')
    await expect(page.locator('#builder-field-label-en').inputValue()).resolves.toBe('Title (unsaved)')

    await page.goBack()
    await leaveDialog(page).waitFor()
    await leaveDialog(page).getByRole('button', { name: 'Stay' }).click()
    await leaveDialog(page).waitFor({ state: 'detached' })
    expect(new URL(page.url()).pathname).toBe('/builder/leave/forms')

    // Saved again: the same link leaves without a question.
    await page.unroute('**/api/apps/leave/draft')
    await page.getByRole('button', { name: 'Save now' }).click()
    await saved(page)
    await page.getByRole('link', { name: 'All apps' }).click()
    await page.waitForURL(/\/builder$/)
    expect(await leaveDialog(page).count()).toBe(0)
    const stored = await api<typeof draftApp>(admin, 'GET', '/apps/leave/draft')
    expect(stored.forms[0]?.fields[0]?.label).toEqual({ en: 'Title (unsaved)' })

    // Unsaved again, then close the tab: the browser's own prompt.
    await page.getByTestId('builder-app-leave').getByRole('link', { name: 'Open' }).click()
    await page.route('**/api/apps/leave/draft', (route) =>
      route.request().method() === 'PUT' ? route.abort() : route.continue(),
    )
    await page.locator('[data-field-key^=title]').click()
    await page.locator('#builder-field-label-en').fill('Title (lost)')
    await page.locator('[data-testid=builder-save-status][data-status=error]').waitFor({ timeout: 20_000 })
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type())
        void dialog.accept()
      }),
    )
    await page.close({ runBeforeUnload: true })
    expect(await asked).toBe('beforeunload')
  })

  it('keeps the arrangement of the workflow graph with the draft, for another browser', async () => {
    const first = await signedIn()
    await first.page.goto(`${server.url}/builder/leave/workflows`)
    const closed = first.page.locator('.react-flow__node[data-id=closed]')
    await closed.waitFor()
    const before = await closed.boundingBox()
    const pane = first.page.locator('.react-flow__pane')
    const box = await pane.boundingBox()
    if (!before || !box) throw new Error('graph not visible')
    // Drag the "closed" state down by 150 px with the pointer, as a person would.
    await drag(first.page, closed, pane, {
      targetOffset: { x: before.x - box.x + before.width / 2, y: before.y - box.y + before.height / 2 + 150 },
      reaim: false,
    })
    await saved(first.page)
    const stored = await api<{ workflows: { layout?: { states?: Record<string, { y: number }> } }[] }>(
      admin,
      'GET',
      '/apps/leave/draft',
    )
    const layout = stored.workflows[0]?.layout?.states
    expect(layout?.closed).toBeDefined()
    expect(layout?.open).toBeDefined()
    expect((layout?.closed?.y ?? 0) - (layout?.open?.y ?? 0)).toBeGreaterThan(60)
    await snap(first.page, 'builder-draft-02-moved-node')

    // Another browser (a fresh profile, no localStorage) draws the same arrangement.
    const second = await signedIn()
    await second.page.goto(`${server.url}/builder/leave/workflows`)
    const open2 = second.page.locator('.react-flow__node[data-id=open]')
    const closed2 = second.page.locator('.react-flow__node[data-id=closed]')
    await closed2.waitFor()
    const [a, b] = [await open2.boundingBox(), await closed2.boundingBox()]
    if (!a || !b) throw new Error('graph not visible in the second browser')
    expect(b.y - a.y).toBeGreaterThan(40)
    await snap(second.page, 'builder-draft-03-same-layout-elsewhere')

    // Auto layout stays: it puts the two states in a row again.
    await second.page.getByRole('button', { name: 'Auto layout' }).click()
    await second.page.waitForTimeout(300)
    const [c, d] = [await open2.boundingBox(), await closed2.boundingBox()]
    expect(Math.abs((d?.y ?? 0) - (c?.y ?? 0))).toBeLessThan(20)
  })
})
