import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { saved } from './builder-ui-helpers.js'
import { seriousViolations } from './support/axe.js'
import { type ApiSession, addMember, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * The organisation as its admin and a manager use it: the admin builds a department with a head and
 * members, deactivates a rep who holds a lead (the confirm says how much work they hold); the head
 * finds that lead in the inbox under "Open work of deactivated members" and hands it to another rep,
 * in whose inbox it then shows.
 */

const stamp = Date.now()
const person = (name: string) => ({
  email: `${name.toLowerCase()}-org-${stamp}@example.com`,
  name: `${name} Org`,
  password: `${name.toLowerCase()}-password-1`,
})
const mia = person('Mia')
const ravi = person('Ravi')
const sam = person('Sam')
const dept = `sales_east_${stamp % 100000}`

interface Rec {
  id: string
  state: string
  version: number
  assignee: string | null
}

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
const ids: Record<string, string> = {}
let lead: Rec

async function signIn(page: Page, email: string, password: string) {
  await signInAt(page, server.url, email, password)
}

/** Opens an antd select by its label and clicks the option holding the text. */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click()
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click()
}

const record = (id: string) => api<Rec>(admin, 'GET', `/records/${id}`)

describe('departments, deactivation and reassignment in the browser', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    // Mia heads the department (a rep of another region, so she takes no East lead herself)
    ids.mia = await addMember(admin, 'crm', mia, ['sales'], { region: 'Central' })
    ids.ravi = await addMember(admin, 'crm', ravi, ['sales'], { region: 'East' })
    ids.sam = await addMember(admin, 'crm', sam, ['sales'], { region: 'West' })
    // a lead handed off round robin in the East: Ravi is the only East rep
    let r = await api<Rec>(admin, 'POST', '/apps/crm/forms/lead/records', {
      data: { email: `lead-org-${stamp}@example.com`, region: 'East', qualify_note: 'met at the fair' },
    })
    r = await api<Rec>(admin, 'POST', `/records/${r.id}/transitions/qualify`, { version: r.version })
    lead = await api<Rec>(admin, 'POST', `/records/${r.id}/transitions/hand_off`, { version: r.version })
    expect(lead.assignee).toBe(ids.ravi)
    ;({ browser, close: closeBrowser } = await launchBrowser())
  }, 300_000)

  afterEach(async (ctx) => {
    let n = 0
    for (const p of browser?.pages() ?? []) {
      if (ctx.task.result?.state === 'fail')
        await snap(p, `organisation-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${n++}`)
      await p.close()
    }
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('the admin creates a department with a head and members', async () => {
    const page = await browser.newPage()
    await signIn(page, server.adminEmail, server.adminPassword)
    await page.getByTestId('organisation-link').click()
    await page.waitForURL(/\/organisation$/)
    await page.getByTestId('org-new-department').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Key', { exact: true }).fill(dept)
    await dialog.getByLabel('Name', { exact: true }).fill('Sales East')
    await choose(page, dialog, 'Head', mia.email)
    await snap(page, 'organisation-01-new-department')
    await dialog.getByRole('button', { name: 'Add' }).click()
    await dialog.waitFor({ state: 'detached' })

    const panel = page.getByTestId('org-department-panel')
    await expect.poll(() => panel.textContent()).toContain(dept)
    for (const who of [ravi, sam]) {
      await choose(page, panel, 'Add member', who.email)
      await panel.getByRole('button', { name: 'Add member' }).click()
      await expect.poll(() => page.getByTestId('org-members').textContent()).toContain(who.name)
    }
    await expect
      .poll(() => page.getByTestId('org-tree').textContent())
      .toContain(`Sales East (${dept}) · ${mia.name}`)

    // the server's refusal is shown as it words it: a department with members cannot be deleted
    await panel.getByRole('button', { name: 'Delete department' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'OK' }).click()
    await expect.poll(() => panel.locator('.ant-alert-error').textContent()).toContain('is not empty')
    // axe reads colours as drawn: wait until the confirm has faded out, not while it is half transparent
    await expect.poll(() => page.locator('.ant-popconfirm:visible').count()).toBe(0)
    await snap(page, 'organisation-02-department')
    expect(await seriousViolations(page)).toEqual([])

    const tree = await api<{ items: { key: string; head: string; members: string[] }[] }>(
      admin,
      'GET',
      '/departments',
    )
    expect(tree.items.find((d) => d.key === dept)).toMatchObject({
      head: ids.mia,
      members: [ids.ravi, ids.sam],
    })
    await page.close()
  })

  it('the admin deactivates a rep; the confirm says how many open items they hold', async () => {
    const page = await browser.newPage()
    await signIn(page, server.adminEmail, server.adminPassword)
    await page.goto(`${server.url}/organisation`)
    await page.getByTestId(`org-deactivate-${ravi.email}`).click()
    const confirm = page.locator('.ant-modal-confirm')
    await confirm.waitFor()
    await page.waitForTimeout(400) // the modal's opening animation
    expect(await confirm.textContent()).toContain('Open items they hold: 1.')
    await snap(page, 'organisation-03-deactivate-confirm')
    await confirm.getByRole('button', { name: 'Deactivate' }).click()
    await page.getByTestId(`org-reactivate-${ravi.email}`).waitFor()
    await snap(page, 'organisation-04-deactivated')
    // the same page in Chinese (the choice is kept in the browser: back to English after)
    await choose(page, page, 'Language', '简体中文')
    await page.getByRole('heading', { name: '组织架构' }).waitFor()
    await snap(page, 'organisation-04-zh-CN')
    await choose(page, page, '语言', 'English')
    await page.getByRole('heading', { name: 'Organisation' }).waitFor()
    const users = await api<{ id: string; active: boolean }[]>(admin, 'GET', '/users')
    expect(users.find((u) => u.id === ids.ravi)?.active).toBe(false)
    await page.close()
  })

  it('the head reassigns the deactivated rep’s lead from the inbox; it shows in the new assignee’s inbox', async () => {
    const page = await browser.newPage()
    await signIn(page, mia.email, mia.password)
    await page.getByRole('link', { name: /Inbox/ }).click()
    const section = page.getByTestId('deactivated-work')
    await section.waitFor()
    expect(await section.textContent()).toContain(ravi.email)
    const row = section.locator(`tr[data-row-key="${lead.id}"]`)
    await row.locator('input[type="checkbox"]').check()
    await page.waitForTimeout(300) // the checkbox's and the button's transitions, for the screenshot
    await snap(page, 'organisation-05-inbox-deactivated-work')
    expect(await seriousViolations(page)).toEqual([])
    await section.getByTestId('reassign-selected').click()
    const dialog = page.getByRole('dialog')
    await choose(page, dialog, 'New assignee', sam.email)
    await snap(page, 'organisation-06-reassign-dialog')
    await dialog.getByRole('button', { name: 'Reassign' }).click()
    await section.waitFor({ state: 'detached' })
    expect((await record(lead.id)).assignee).toBe(ids.sam)
    await snap(page, 'organisation-07-inbox-after')
    await page.close()

    const samPage = await browser.newPage()
    await signIn(samPage, sam.email, sam.password)
    await samPage.getByRole('link', { name: /Inbox/ }).click()
    await samPage.locator(`.inbox-item[data-record="${lead.id}"]`).waitFor()
    await snap(samPage, 'organisation-08-new-assignee-inbox')
    await samPage.close()
  })

  it('the builder offers the organisation rules: round robin only within the department', async () => {
    const page = await browser.newPage()
    await signIn(page, server.adminEmail, server.adminPassword)
    await page.goto(`${server.url}/builder/crm`)
    await page.getByRole('tab', { name: 'Workflows' }).click()
    await page.locator('.react-flow__node[data-id=handed_off]').click()
    const editor = page.getByTestId('builder-assignee')
    await editor.getByLabel('Assign to', { exact: true }).click()
    const kinds = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
    for (const kind of [
      'A department (everyone in it)',
      'The head of someone’s department',
      'Someone’s manager',
    ])
      await kinds.filter({ hasText: kind }).waitFor()
    await page.keyboard.press('Escape')
    await choose(page, editor, 'Only members of a department', `Sales East (${dept})`)
    await saved(page)
    await snap(page, 'organisation-09-builder-round-robin-department')
    type Flow = { key: string; states: { key: string; assignee?: unknown }[] }
    const draft = await api<{ definition?: { workflows: Flow[] }; workflows?: Flow[] }>(
      admin,
      'GET',
      '/apps/crm/draft',
    )
    const flow = (draft.definition?.workflows ?? draft.workflows)?.find((w) => w.key === 'lead_flow')
    // the department is added; what the editor does not show (the fallback to all sales) is kept
    expect(flow?.states.find((st) => st.key === 'handed_off')?.assignee).toEqual({
      roundRobin: { role: 'sales', where: { region: { var: 'region' } }, fallback: 'role', department: dept },
    })
    await page.close()
  })
})
