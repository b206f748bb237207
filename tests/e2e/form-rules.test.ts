import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * Form rules in Chromium: the CRM's "a lead needs a way to reach the person" stops an empty lead
 * in the browser with the rule's message on the name, before anything is sent; in the builder the
 * form settings list the rule and add another. Screenshots: tests/e2e/screenshots/form-rules-*.png.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
let page: Page

const MESSAGE = 'Enter at least a name, an e-mail, a phone number or a lead number.'

interface Listed {
  items: { data: Record<string, unknown> }[]
}

describe('form rules in the browser', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = await browser.newPage()
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
  })
  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('an empty lead is stopped with the rule’s message on the name; a phone number is enough', async () => {
    await page.goto(`${server.url}/apps/crm/forms/lead/new`)
    await page.getByLabel('Company').fill('Acme')
    // the new lead's form is as its first state allows: no return or disqualify reason to pick
    expect(await page.getByRole('combobox', { name: 'Return reason' }).count()).toBe(0)
    expect(await page.getByRole('combobox', { name: 'Disqualify reason' }).count()).toBe(0)
    expect(await page.getByRole('combobox', { name: 'Source' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByText(MESSAGE).waitFor()
    await snap(page, 'form-rules-01-refused')
    const before = await api<Listed>(admin, 'GET', '/apps/crm/forms/lead/records?q=Acme')
    expect(before.items).toHaveLength(0)

    await page.getByLabel('Phone').fill('+86 138 0013 8000')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByText('Saved').first().waitFor()
    const after = await api<Listed>(admin, 'GET', '/apps/crm/forms/lead/records?q=Acme')
    expect(after.items.map((r) => r.data.phone)).toEqual(['+86 138 0013 8000'])
  })

  it('the builder lists the lead’s rule in the form settings and adds another to the draft', async () => {
    await page.goto(`${server.url}/builder/crm`)
    await page.getByRole('button', { name: 'Form settings' }).click()
    const rules = page.locator('[data-form-rules]')
    await rules.locator('[data-form-rule=identifiable]').waitFor()
    await rules.getByRole('button', { name: 'Add rule' }).click()
    await rules.locator('[data-form-rule=rule]').waitFor()
    await snap(page, 'form-rules-02-builder')
    await expect
      .poll(
        async () => {
          const def = await api<{ forms: { key: string; rules?: { key: string }[] }[] }>(
            admin,
            'GET',
            '/apps/crm/draft',
          )
          return def.forms.find((f) => f.key === 'lead')?.rules?.map((r) => r.key)
        },
        { timeout: 10_000 },
      )
      .toEqual(['identifiable', 'rule'])
  })

  it('the app’s own views open from the Views menu and from a link, with their columns, filter and sort', async () => {
    for (const [name, score] of [
      ['Low Lee', 1],
      ['High Hu', 9],
    ] as const)
      await api(admin, 'POST', '/apps/crm/forms/lead/records', { data: { name, visits: score } })
    await page.goto(`${server.url}/apps/crm/forms/lead`)
    // the list opens as the first view says: highest score first
    await page.getByText('High Hu').waitFor()
    const names = await page.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts()
    expect(names.findIndex((r) => r.includes('High Hu'))).toBeLessThan(
      names.findIndex((r) => r.includes('Low Lee')),
    )
    await page.getByRole('button', { name: 'Views' }).click()
    await page.getByRole('menuitem', { name: 'Returned by sales' }).click()
    await page.locator('.ant-tag', { hasText: 'Returned by sales' }).waitFor()
    await page.locator('th', { hasText: 'Return reason' }).waitFor()
    // nothing was returned yet: the view's filter applies
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0)
    await snap(page, 'form-rules-03-app-view')
    await page.goto(`${server.url}/apps/crm/forms/lead?view=leads_to_qualify`)
    await page.locator('.ant-tag', { hasText: 'To qualify' }).waitFor()
    // its columns (no name: lead number, source, score, grade…) over the leads in new or nurturing
    await page.locator('th', { hasText: 'Grade' }).waitFor()
    await expect
      .poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count())
      .toBeGreaterThanOrEqual(3)
    await snap(page, 'form-rules-04-linked-view')

    // the address carries the table's setup: a reload (or a copied link) opens the same list
    await page.goto(`${server.url}/apps/crm/forms/lead`)
    await page.getByRole('button', { name: 'Views' }).waitFor()
    const box = page.locator('.records-toolbar input[aria-label="Search"]')
    await box.fill('High Hu')
    await box.press('Enter')
    await page.waitForURL(/search=High/)
    await page.reload()
    await page.getByText('High Hu').waitFor()
    await expect.poll(() => page.getByText('Low Lee').count()).toBe(0)
  })

  it('an import tells a repeated row apart: created, skipped with the reason, nothing silently dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-import-'))
    const file = join(dir, 'leads.csv')
    writeFileSync(
      file,
      'Email,Company\nimp1@example.com,One\nimp2@example.com,Two\n IMP1@example.com ,One again\n',
    )
    await page.goto(`${server.url}/apps/crm/import/lead`)
    await page.getByTestId('import-file').setInputFiles(file)
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const summary = page.getByTestId('import-summary')
    await summary.waitFor({ timeout: 60_000 })
    expect(await summary.textContent()).toContain(
      '2 created, 0 updated, 1 skipped (repeated or unchanged), 0 failed',
    )
    await page.getByText('duplicate of row 2').waitFor()
    await snap(page, 'form-rules-05-import-repeat')
  })
})
