import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { choose, saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn as signInAt } from './support/sign-in.js'

/*
 * Linked data in the shipped CRM, as a person meets it: choosing a product fills the deal's amount
 * with its list price at once (and a price typed first is kept); the account shows its open deals
 * and their value (rollups); a contact shows its account's sector as soon as the account is chosen
 * (a lookup); and in the builder a lookup field is added and wired through its property panel.
 * Screenshots: tests/e2e/screenshots/linked-*.png.
 */

interface Rec {
  id: string
  version: number
  data: Record<string, unknown>
}

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let admin: ApiSession
const stamp = Date.now()
const account = `Linked Labs ${stamp}`
const gtx = `GTX Pro ${stamp}`
const record = (id: string) => api<Rec>(admin, 'GET', `/records/${id}`)

async function signIn(page: Page) {
  await signInAt(page, server.url, server.adminEmail, server.adminPassword)
}

/** A relation picker: type to search the server, then click the record found. */
async function pick(page: Page, label: RegExp, search: string, option: string) {
  const input = page.getByLabel(label)
  await input.click()
  await input.fill(search)
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click()
  // a picker still open after the choice is closed, as a person would, before the next step
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
  if (await open.count()) await page.keyboard.press('Escape')
  await open.waitFor({ state: 'detached' }).catch(() => undefined)
}

const shown = (page: Page, field: string) => page.locator(`[data-field="${field}"] output`)

describe('linked data in the CRM, in the browser', () => {
  let accountId = ''

  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    for (const [name, price] of [
      [gtx, '4821'],
      [`GTX Basic ${stamp}`, '550'],
    ])
      await api(admin, 'POST', '/apps/crm/forms/product/records', {
        data: { name, series: 'GTX', list_price: price },
      })
    accountId = (
      await api<Rec>(admin, 'POST', '/apps/crm/forms/account/records', {
        data: { name: account, sector: 'technology' },
      })
    ).id
    ;({ browser, close: closeBrowser } = await launchBrowser())
  })

  afterEach(async (ctx) => {
    let n = 0
    for (const p of browser?.pages() ?? []) {
      if (ctx.task.result?.state === 'fail')
        await snap(p, `linked-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${n++}`)
      await p.close()
    }
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('choosing a product fills the amount with its list price at once; a price typed first stays', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.goto(`${server.url}/apps/crm/forms/opportunity/new`)
    await page.getByLabel(/Opportunity name$/).fill(`Deal at list ${stamp}`)
    await pick(page, /^Account$/, 'Linked Labs', account)
    const amount = page.getByLabel(/^Amount$/)
    expect(await amount.inputValue()).toBe('')
    await pick(page, /^Product$/, 'GTX Pro', gtx)
    await expect.poll(() => amount.inputValue()).toMatch(/^4,?821(\.00)?$/)
    await expect.poll(() => shown(page, 'list_price').textContent()).toContain('4,821.00')
    await snap(page, 'linked-01-product-fills-amount')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.waitForURL(/\/records\//)
    const id = page.url().split('/records/')[1] ?? ''
    expect((await record(id)).data).toMatchObject({ amount: '4821.00', list_price: '4821.00' })

    // a negotiated price typed before the product is chosen is the person's, not the list's
    await page.goto(`${server.url}/apps/crm/forms/opportunity/new`)
    await page.getByLabel(/Opportunity name$/).fill(`Deal negotiated ${stamp}`)
    await pick(page, /^Account$/, 'Linked Labs', account)
    await page.getByLabel(/^Amount$/).fill('4000')
    await pick(page, /^Product$/, 'GTX Pro', gtx)
    await expect.poll(() => shown(page, 'list_price').textContent()).toContain('4,821.00')
    expect(await page.getByLabel(/^Amount$/).inputValue()).toMatch(/^4,?000(\.00)?$/)
    await snap(page, 'linked-02-typed-price-kept')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.waitForURL(/\/records\//)
    const negotiated = page.url().split('/records/')[1] ?? ''
    expect((await record(negotiated)).data.amount).toBe('4000.00')
    await page.close()
  })

  it('the account shows its open deals and their value; they follow a deal that is lost', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.goto(`${server.url}/records/${accountId}`)
    await expect.poll(() => shown(page, 'open_opportunities').textContent()).toBe('2')
    expect(await shown(page, 'open_pipeline').textContent()).toContain('8,821.00')
    await snap(page, 'linked-03-account-rollups')
    const deals = await api<{ items: Rec[] }>(
      admin,
      'GET',
      `/apps/crm/forms/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ account: { eq: accountId } }))}`,
    )
    const lost = deals.items.find((d) => d.data.amount === '4000.00')!
    await api(admin, 'POST', `/records/${lost.id}/transitions/lose`, {
      data: { lost_reason: 'price', close_date: '2026-12-03' },
      version: lost.version,
    })
    await page.reload()
    await expect.poll(() => shown(page, 'open_opportunities').textContent()).toBe('1')
    expect(await shown(page, 'open_pipeline').textContent()).toContain('4,821.00')

    // editing the open deal: another product fills its price again, the save agrees, the account follows
    const open = deals.items.find((d) => d.data.amount === '4821.00')!
    await page.goto(`${server.url}/records/${open.id}`)
    await page.locator('.record-form').waitFor()
    await pick(page, /^Product$/, 'GTX Basic', `GTX Basic ${stamp}`)
    await expect.poll(() => page.getByLabel(/^Amount$/).inputValue()).toMatch(/^550(\.00)?$/)
    await expect.poll(() => shown(page, 'list_price').textContent()).toContain('550.00')
    await snap(page, 'linked-04a-edit-refills')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(async () => (await record(open.id)).data.amount).toBe('550.00')
    await page.goto(`${server.url}/records/${accountId}`)
    await expect.poll(() => shown(page, 'open_pipeline').textContent()).toContain('550.00')

    // the accounts table lists the rollups and sorts by them on the server
    await page.goto(`${server.url}/apps/crm/forms/account`)
    const header = page.locator('th').filter({ hasText: 'Open pipeline value' })
    await header.waitFor()
    await header.click()
    await page.locator('.ant-table-row').filter({ hasText: account }).waitFor()
    expect(await page.locator('.ant-alert-error').count()).toBe(0)
    // and filters by them: one open deal is at least 1, not at least 2
    await page.getByRole('button', { name: 'Filters' }).click()
    const from = page.getByLabel('Open opportunities From')
    await from.fill('2')
    await page.locator('.ant-table-row').filter({ hasText: account }).waitFor({ state: 'detached' })
    await from.fill('1')
    await page.locator('.ant-table-row').filter({ hasText: account }).waitFor()
    expect(await page.locator('.ant-alert-error').count()).toBe(0)
    await snap(page, 'linked-04-accounts-table')
    await page.close()
  })

  it('a contact shows its account sector as soon as the account is chosen', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.goto(`${server.url}/apps/crm/forms/contact/new`)
    await page.getByLabel(/Name$/).first().fill(`Casey ${stamp}`)
    expect(await shown(page, 'account_sector').textContent()).toBe('—')
    await pick(page, /^Account$/, 'Linked Labs', account)
    await expect.poll(() => shown(page, 'account_sector').textContent()).toBe('technology')
    await snap(page, 'linked-05-contact-sector')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.waitForURL(/\/records\//)
    await expect.poll(() => shown(page, 'account_sector').textContent()).toBe('technology')
    await page.close()
  })

  it('the builder adds a lookup to the contact form through its property panel', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.goto(`${server.url}/builder/crm`)
    await choose(page, page.getByLabel('Form', { exact: true }), 'Contact')
    await page.locator('[data-palette-type=lookup]').click()
    const props = page.getByTestId('builder-field-properties')
    await props.locator('#builder-field-label-en').fill('Lead company')
    await props.locator('#builder-field-label-zh').fill('线索公司')
    await props.getByRole('tab', { name: 'Linked data' }).click()
    // it starts on the first relation (Account) showing its title field; point it at the lead instead
    await choose(page, props.locator('#builder-lookup-relation'), 'Lead')
    await choose(page, props.locator('#builder-lookup-field'), 'Company')
    await saved(page)
    await snap(page, 'linked-06-builder-lookup')
    type Forms = { forms: { key: string; fields: Record<string, unknown>[] }[] }
    const body = await api<Forms | { definition: Forms }>(admin, 'GET', '/apps/crm/draft')
    const draft = 'definition' in body ? body.definition : body
    const added = draft.forms
      .find((f) => f.key === 'contact')
      ?.fields.find((f) => f.type === 'lookup' && f.relation === 'lead')
    expect(added).toMatchObject({
      type: 'lookup',
      relation: 'lead',
      field: 'company',
      label: { en: 'Lead company' },
    })
    // the verifier has nothing to say about it: its card carries no problem count
    await page.waitForTimeout(1500)
    const card = page.locator(`[data-field-key="${String(added?.key)}"]`)
    await card.waitFor()
    expect(await card.locator('.field-card-problems').count()).toBe(0)

    // the opportunity's product fills the amount; a mapping of text into a date is a finding, shown on its row
    await choose(page, page.getByLabel('Form', { exact: true }), 'Opportunity')
    await page.locator('[data-field-key=product]').click()
    await props.getByRole('tab', { name: 'Linked data' }).click()
    const fill = page.getByTestId('builder-fill-editor')
    await fill.locator('[data-fill-row=amount]').waitFor()
    await fill.getByRole('button', { name: 'Add a field to fill' }).click()
    const row = fill.locator('[data-fill-row=name]')
    await choose(page, row.getByLabel('Field of this form'), 'Engaged on')
    const wrong = fill.locator('.ant-form-item-explain-error').filter({ hasText: 'cannot fill' })
    await wrong.waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('[data-field-key=product] .field-card-problems').count()).toBe(1)
    await snap(page, 'linked-07-builder-fill-finding')
    await fill
      .locator('[data-fill-row=engage_date]')
      .getByRole('button', { name: 'Remove this mapping' })
      .click()
    await wrong.waitFor({ state: 'detached', timeout: 20_000 })

    // a product sums the amounts of its deals: a rollup chosen through its panel
    await choose(page, page.getByLabel('Form', { exact: true }), 'Product')
    await page.locator('[data-palette-type=rollup]').click()
    await props.locator('#builder-field-label-en').fill('Deal value')
    await props.locator('#builder-field-label-zh').fill('商机金额')
    await props.getByRole('tab', { name: 'Linked data' }).click()
    await choose(page, props.locator('#builder-rollup-source'), 'Opportunity (by Product)')
    await choose(page, props.locator('#builder-rollup-op'), 'Sum')
    await choose(page, props.locator('#builder-rollup-field'), 'Amount')
    await saved(page)
    await snap(page, 'linked-08-builder-rollup')
    const after = await api<Forms | { definition: Forms }>(admin, 'GET', '/apps/crm/draft')
    const rollup = ('definition' in after ? after.definition : after).forms
      .find((f) => f.key === 'product')
      ?.fields.find((f) => f.type === 'rollup')
    expect(rollup).toMatchObject({ form: 'opportunity', relation: 'product', op: 'sum', field: 'amount' })
    await page.close()
  })
})
