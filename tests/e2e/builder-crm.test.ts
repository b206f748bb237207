import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drag, saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * The shipped CRM edited in the builder: add a field to the lead form, change the handoff SLA,
 * publish version 2 after reading the diff. A lead written on version 1 keeps working.
 * Screenshots: tests/e2e/screenshots/builder-crm-*.png.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page
let admin: ApiSession

interface Timer {
  state: string
  after: string
  fire: string
}
const leadFlow = async (path: string) => {
  const body = await api<{
    definition?: { workflows: { key: string; timers?: Timer[] }[] }
    workflows?: { key: string; timers?: Timer[] }[]
  }>(admin, 'GET', path)
  return (body.definition ?? body).workflows?.find((w) => w.key === 'lead_flow')
}

describe('builder: editing the CRM template', () => {
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

  it('adds a field, changes the SLA and publishes v2, while a v1 lead keeps working', async () => {
    const lead = await api<{ id: string; version: number; state: string }>(
      admin,
      'POST',
      '/apps/crm/forms/lead/records',
      {
        data: { name: 'Ann Old', email: 'ann.old@example.com' },
      },
    )
    expect(lead.state).toBe('new')

    await page.goto(`${server.url}/builder/crm`)
    const rest = page.locator('[data-container=rest]')
    await rest.evaluate((el) => el.scrollIntoView({ block: 'end' }))
    const box = await rest.boundingBox()
    await drag(page, page.locator('[data-palette-type=text]'), rest, {
      targetOffset: { x: (box?.width ?? 100) / 2, y: (box?.height ?? 20) / 2 },
    })
    const props = page.getByTestId('builder-field-properties')
    await props.locator('#builder-field-label-en').fill('Referral code')
    await props.locator('#builder-field-label-zh').fill('推荐码')
    await saved(page)
    await snap(page, 'builder-crm-01-field-added')
    // Delete with the keyboard, then undo and redo it.
    const card = page.locator('[data-field-key=referral_code]')
    await card.click()
    await card.press('Delete')
    await card.waitFor({ state: 'detached' })
    await page.keyboard.press('Control+z')
    await card.waitFor()
    await page.keyboard.press('Control+y')
    await card.waitFor({ state: 'detached' })
    await page.keyboard.press('Control+Shift+z')
    await page.keyboard.press('Control+z')
    await card.waitFor()
    await saved(page)

    const before = (await leadFlow('/apps/crm'))?.timers?.[0]
    expect(before).toBeDefined()
    await page.getByRole('tab', { name: 'Workflows' }).click()
    await page.locator(`.react-flow__node[data-id=${before!.state}]`).click()
    const timers = page.getByTestId('builder-timers')
    await timers.getByLabel('hours').fill('48')
    await saved(page)
    await snap(page, 'builder-crm-02-sla')
    expect((await leadFlow('/apps/crm/draft'))?.timers?.[0]?.after).toBe('PT48H')

    await page.getByRole('tab', { name: 'Publish' }).click()
    const diff = page.getByTestId('builder-diff')
    await diff.getByText('lead.referral_code').waitFor()
    await diff.getByText(`lead_flow.${before!.state}->${before!.fire}`).waitFor()
    await snap(page, 'builder-crm-03-diff')
    const publish = page.getByTestId('builder-publish')
    await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true)
    await publish.click()
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Published version 2').waitFor()
    await page.getByTestId('builder-restore-1').waitFor()
    await snap(page, 'builder-crm-04-published-v2')

    const published = await api<{ version: number }>(admin, 'GET', '/apps/crm')
    expect(published.version).toBe(2)
    expect((await leadFlow('/apps/crm'))?.timers?.[0]?.after).toBe('PT48H')

    // The v1 lead stays on its version and still moves.
    const moved = await api<{ state: string; formVersion: number }>(
      admin,
      'POST',
      `/records/${lead.id}/transitions/nurture`,
      {
        data: {},
        version: lead.version,
      },
    )
    expect(moved.state).toBe('nurturing')
    expect(moved.formVersion).toBe(1)
    // A new lead is written on v2 and may carry the new field.
    const fresh = await api<{ formVersion: number; data: Record<string, unknown> }>(
      admin,
      'POST',
      '/apps/crm/forms/lead/records',
      {
        data: { name: 'Bo New', email: 'bo.new@example.com', referral_code: 'FRIEND-7' },
      },
    )
    expect(fresh.formVersion).toBe(2)
    expect(fresh.data.referral_code).toBe('FRIEND-7')
  })

  it('shows the builder in Chinese with every builder string translated', async () => {
    await page.goto(`${server.url}/builder/crm/forms`)
    await page.evaluate(() => localStorage.setItem('tessera.language', 'zh-CN'))
    await page.reload()
    await page.getByText('字段类型', { exact: true }).waitFor()
    await snap(page, 'builder-crm-05-zh-CN')
    const text = await page.locator('body').innerText()
    for (const zh of ['字段类型', '添加分组', '表单设置', '应用设置']) expect(text).toContain(zh)
    for (const en of [
      'Field types',
      'Add section',
      'Form settings',
      'App settings',
      'Problems',
      'Search field types',
    ]) {
      expect(text).not.toContain(en)
    }
    await page.locator('.ant-tabs-tab', { hasText: '流程' }).click()
    await page.getByRole('button', { name: '添加状态' }).waitFor()
    await snap(page, 'builder-crm-06-zh-CN-workflow')
    const flowText = await page.locator('body').innerText()
    for (const en of ['Add state', 'Auto layout', 'Workflow settings', 'Simulate'])
      expect(flowText).not.toContain(en)
  })
})
