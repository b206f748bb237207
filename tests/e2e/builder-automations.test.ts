import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { choose, saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * The Automations tab on the shipped CRM (a fresh copy per run): one automation of each trigger
 * kind made in the builder, saved, verified clean by the server; then published and dry-run.
 * Screenshots: tests/e2e/screenshots/builder-automations-*.png.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page
let admin: ApiSession

interface Automation {
  key: string
  trigger: { on: string; [k: string]: unknown }
  actions: { type: string; [k: string]: unknown }[]
}
type Definition = { automations?: Automation[] }
const draftAutomations = async () => {
  const body = await api<{ definition?: Definition } & Definition>(admin, 'GET', '/apps/crm/draft')
  return (body.definition ?? body).automations ?? []
}

/** Adds an automation of a trigger kind from the list's menu; the editor opens on it. */
async function addAutomation(kindLabel: string) {
  await page.getByTestId('builder-add-automation').click()
  await page.getByRole('menuitem', { name: kindLabel }).click()
  await page.getByTestId('builder-automation-editor').waitFor()
}

/** Adds an action of a type to the open automation; answers its card. */
async function addAction(typeLabel: string) {
  const actions = page.getByTestId('builder-automation-actions')
  await actions.getByTestId('builder-add-automation-action').click()
  await page.getByRole('menuitem', { name: typeLabel }).click()
  return actions.locator('.ant-card').last()
}

async function fillMessage(card: ReturnType<Page['locator']>, en: string, zh: string) {
  await card.getByLabel('Message (English)').fill(en)
  await card.getByLabel('Message (中文)').fill(zh)
}

describe('builder: automations', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('creates one automation of each trigger kind, saves it, and the server finds no problem', async () => {
    await page.goto(`${server.url}/builder/crm/automations`)
    await page.getByTestId('builder-automation-item-weekly_review').waitFor()
    await snap(page, 'builder-automations-01-list')

    // A record is created: notify operations.
    await addAutomation('A record is created')
    let card = await addAction('Notify')
    await fillMessage(card, 'A new lead came in', '有新线索')

    // Fields change: on a lead's source, update the lead's name from itself (the mapping editor).
    await addAutomation('Fields change')
    await choose(page, page.getByLabel('Fields'), 'Source')
    card = await addAction('Update matching records')
    await card.getByRole('button', { name: 'Add mapping' }).click()

    // A state is entered: qualified leads are handed off at once.
    await addAutomation('A state is entered')
    await choose(page, page.getByLabel('State', { exact: true }), 'Qualified (MQL)')
    card = await addAction('Fire a transition')
    await choose(page, card.getByLabel('Transition', { exact: true }), 'Hand off to sales')

    // On a schedule: the daily preset, previewed in the app's zone.
    await addAutomation('On a schedule')
    await page.getByTestId('builder-cron-preset-daily').click()
    const preview = page.getByTestId('builder-cron-preview')
    await expect.poll(() => preview.innerText()).toContain('Asia/Shanghai')
    expect(await preview.locator('li').count()).toBe(3)
    expect(await preview.innerText()).toContain('Every day at 09:00')
    card = await addAction('Notify')
    await fillMessage(card, 'Good morning', '早上好')
    await snap(page, 'builder-automations-02-schedule')

    // An incoming webhook: a fresh secret, the URL to call, and a webhook out.
    await addAutomation('An incoming webhook')
    const secret = page.getByTestId('builder-webhook-secret').locator('input')
    const first = await secret.inputValue()
    await page.getByTestId('builder-webhook-generate').click()
    await expect.poll(() => secret.inputValue()).not.toBe(first)
    expect(await secret.inputValue()).toMatch(/^[0-9a-f]{64}$/)
    expect(await page.getByTestId('builder-webhook-url').innerText()).toContain(
      '/api/apps/crm/automations/webhook_automation/webhook',
    )
    card = await addAction('Call a webhook')
    await card.getByLabel('URL').fill('https://example.com/hook')
    await snap(page, 'builder-automations-03-webhook')

    await saved(page)
    const saved7 = await draftAutomations()
    expect(saved7.map((a) => a.trigger.on)).toEqual([
      'schedule',
      'schedule',
      'created',
      'changed',
      'entered',
      'schedule',
      'webhook',
    ])
    expect(saved7.find((a) => a.trigger.on === 'changed')).toMatchObject({
      trigger: { form: 'lead', fields: ['source'] },
      actions: [{ type: 'update', form: 'lead', set: { name: { var: 'name' } } }],
    })
    expect(saved7.find((a) => a.trigger.on === 'entered')).toMatchObject({
      trigger: { workflow: 'lead_flow', state: 'qualified' },
      actions: [{ type: 'transition', transition: 'hand_off' }],
    })
    expect(saved7.find((a) => a.key === 'schedule_automation')?.trigger).toEqual({
      on: 'schedule',
      cron: '0 9 * * *',
    })

    // The server's verifier has nothing to say about the automations, and the editor shows no problem.
    const definition = await api<{ definition?: unknown }>(admin, 'GET', '/apps/crm/draft')
    const verdict = await api<{ ok?: boolean; errors?: { path: string }[] }>(
      admin,
      'POST',
      '/apps/crm/verify',
      definition.definition ?? definition,
    )
    expect((verdict.errors ?? []).filter((e) => e.path.startsWith('/automations'))).toEqual([])
    await expect.poll(() => page.getByTestId('builder-problems-button').innerText()).toBe('Problems')
    await snap(page, 'builder-automations-04-saved')
  })

  it('undoes a delete, and a problem focuses its automation', async () => {
    const item = page.getByTestId('builder-automation-item-created_automation')
    await item.getByRole('button', { name: 'Remove' }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|Yes/ })
      .click()
    await item.waitFor({ state: 'detached' })
    await page.keyboard.press('Control+z')
    await item.waitFor()

    // A too-short secret is a finding at /automations/6/trigger/secret.
    await page.getByTestId('builder-automation-item-webhook_automation').click()
    await page.getByTestId('builder-webhook-secret').locator('input').fill('short')
    await page.getByTestId('builder-automation-item-weekly_review').click()
    await saved(page)
    const problems = page.getByTestId('builder-problems-button')
    await expect.poll(() => problems.innerText(), { timeout: 20_000 }).toMatch(/problem/)
    await problems.click()
    await page
      .locator('.ant-drawer')
      .getByText(/secret|x-tessera-secret|16/)
      .first()
      .click()
    await expect
      .poll(() => page.getByTestId('builder-webhook-secret').locator('input').inputValue())
      .toBe('short')
    await snap(page, 'builder-automations-05-problem-focus')
    await page.getByTestId('builder-webhook-generate').click()
    await saved(page)
  })

  it('publishes, dry-runs the created automation against a lead and shows the run log', async () => {
    const lead = await api<{ id: string }>(admin, 'POST', '/apps/crm/forms/lead/records', {
      data: { name: 'Ada Tested', email: 'ada.tested@example.com' },
    })
    await api(admin, 'POST', '/apps/crm/publish', {})
    await page.reload()
    await page.getByTestId('builder-automation-item-created_automation').click()
    await page.getByRole('tab', { name: 'Test run' }).click()
    const picker = page.getByTestId('builder-automation-test-record')
    await picker.click()
    await page.keyboard.type('Ada Tested')
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: 'Ada Tested',
      })
      .first()
      .click()
    await page.getByTestId('builder-automation-test-run').click()
    const result = page.getByTestId('builder-automation-test-result')
    await result.waitFor()
    expect(await result.innerText()).toContain('would run')
    await snap(page, 'builder-automations-06-test-run')
    expect(lead.id).toBeTruthy()

    // A lead created now is a real run of the published automation; the log shows it, expanded.
    await api(admin, 'POST', '/apps/crm/forms/lead/records', {
      data: { name: 'Bea Logged', email: 'bea.logged@example.com' },
    })
    await page.getByRole('tab', { name: 'Run log' }).click()
    const log = page.getByTestId('builder-automation-runs')
    const row = log.locator('.ant-table-row', { hasText: 'succeeded' }).first()
    await expect
      .poll(
        async () => {
          await log.getByRole('button', { name: 'Refresh' }).click()
          return row.count()
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0)
    await row.locator('.ant-table-row-expand-icon').click()
    await log.getByText('Output', { exact: true }).first().waitFor()
    await page.waitForTimeout(400)
    await snap(page, 'builder-automations-07-run-log')
  })
})
