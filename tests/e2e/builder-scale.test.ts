import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'

/*
 * The builder on a big app: a 300-field form and a 60-state workflow. Drives Chromium and reports
 * how long an admin waits for the things they do all the time (open, select, type, undo). The
 * bounds are loose (a shared 2-core machine); the printed times are the result.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page
let admin: ApiSession
const TYPES = ['text', 'number', 'date', 'select', 'boolean', 'email', 'textarea', 'integer'] as const

function bigApp() {
  const fields = Array.from({ length: 300 }, (_, i) => {
    const type = TYPES[i % TYPES.length]!
    return {
      key: `f${i}`,
      type,
      label: { en: `Field ${i}`, 'zh-CN': `字段 ${i}` },
      ...(type === 'select' && { options: [{ value: 'a' }, { value: 'b' }] }),
    }
  })
  const states = Array.from({ length: 60 }, (_, i) => ({
    key: `s${i}`,
    label: `State ${i}`,
    ...(i === 59 && { final: true }),
  }))
  const transitions = states
    .slice(1)
    .map((s, i) => ({ key: `t${i}`, from: [`s${i}`], to: s.key, roles: ['ops'] }))
  return {
    key: 'big',
    name: 'Big',
    roles: [{ key: 'ops' }],
    forms: [
      {
        key: 'main',
        title: 'Main',
        fields,
        layout: [{ section: 'First', columns: 3, fields: fields.slice(0, 150).map((f) => f.key) }],
      },
    ],
    workflows: [{ key: 'flow', form: 'main', initial: 's0', states, transitions }],
  }
}

async function timed(label: string, run: () => Promise<unknown>) {
  const start = performance.now()
  await run()
  const ms = Math.round(performance.now() - start)
  console.log(`builder-scale: ${label}: ${ms} ms`)
  return ms
}

describe('builder at scale', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    await api(admin, 'PUT', '/apps/big/draft', bigApp())
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Email').fill(server.adminEmail)
    await page.getByLabel('Password').fill(server.adminPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/apps$/)
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('stays responsive on a 300-field form', async () => {
    const open = await timed('open the 300-field form', async () => {
      await page.goto(`${server.url}/builder/big/forms`)
      await page.locator('[data-field-key=f299]').waitFor()
    })
    const select = await timed('select a field', async () => {
      await page.locator('[data-field-key=f200]').click()
      await page.getByTestId('builder-field-properties').getByText('Field 200').first().waitFor()
    })
    const label = page.locator('#builder-field-label-en')
    const typing = await timed('type 10 characters into its label', async () => {
      await label.press('End')
      await label.pressSequentially(' renamed!!', { delay: 0 })
      await page.locator('[data-field-key=f200]').getByText('Field 200 renamed!!').waitFor()
    })
    const undo = await timed('undo the typing', async () => {
      await page.locator('body').press('Control+z')
      await page.locator('[data-field-key=f200]').getByText('Field 200', { exact: true }).waitFor()
    })
    await snap(page, 'builder-scale-01-300-fields')
    // Catastrophe bounds only: on the shared 2-core machine a keystroke on the 300-field form costs
    // ~1 s today (printed above); the lead has this as a known performance gap.
    expect(open).toBeLessThan(30_000)
    expect(select).toBeLessThan(10_000)
    expect(typing).toBeLessThan(30_000)
    expect(undo).toBeLessThan(10_000)
  })

  it('stays responsive on a 60-state workflow', async () => {
    const open = await timed('open the 60-state workflow', async () => {
      await page.getByRole('tab', { name: 'Workflows' }).click()
      await page.locator('.react-flow__node').first().waitFor()
    })
    const layout = await timed('auto layout', async () => {
      await page.getByRole('button', { name: 'Auto layout' }).click()
      await page.waitForTimeout(50)
    })
    const select = await timed('select a state', async () => {
      await page.locator('.react-flow__node').first().click()
      await page.getByTestId('builder-state-panel').waitFor()
    })
    await snap(page, 'builder-scale-02-60-states')
    expect(open).toBeLessThan(30_000)
    expect(layout).toBeLessThan(5_000)
    expect(select).toBeLessThan(5_000)
  })
})
