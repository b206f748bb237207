import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../builder-ui/src/i18n/en.js'
import { zhCN } from '../../builder-ui/src/i18n/zh-CN.js'
import { saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { signIn } from './support/sign-in.js'

/*
 * Every builder screen in Chinese, as an admin would go through them on the shipped CRM: form
 * designer with a field's properties, the preview, workflow designer with a state and a
 * transition, simulate, the publish diff, and the version history after publishing. On each, no
 * text, label, title or placeholder on screen is one of the English catalog's texts.
 * Screenshots: tests/e2e/screenshots/builder-zh-CN-*.png.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page

// English texts of the UI that zh-CN writes differently (codes like "JSON" read the same in both).
const zhTexts = new Set(Object.values(zhCN))
const english = new Set(Object.values(en).filter((text) => !zhTexts.has(text) && !text.includes('{')))

/** The English UI texts shown on the page now: text, aria-label, title and placeholder. */
async function englishOnScreen(): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (el?.closest('[aria-hidden=true], script, style')) continue
      const text = node.textContent?.trim()
      if (text) out.push(text)
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]')))
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name)?.trim()
        if (value) out.push(value)
      }
    return out
  })
  return [...new Set(shown.filter((text) => english.has(text)))]
}

async function screen(name: string) {
  await page.waitForTimeout(300)
  await snap(page, `builder-zh-CN-${name}`)
  expect(await englishOnScreen(), name).toEqual([])
}

describe('builder in zh-CN', () => {
  beforeAll(async () => {
    server = await startServer()
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
    await page.evaluate(() => localStorage.setItem('tessera.language', 'zh-CN'))
  })

  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('shows every builder screen without an English UI text', async () => {
    await page.goto(`${server.url}/builder`)
    await page.getByRole('button', { name: '新建应用' }).waitFor()
    await screen('01-home')

    await page.goto(`${server.url}/builder/crm/forms`)
    await page.getByText('字段类型', { exact: true }).waitFor()
    await page.locator('[data-field-key=email]').click()
    await page.getByTestId('builder-field-properties').waitFor()
    await screen('02-form-designer')
    await page.getByTestId('builder-field-properties').getByRole('tab', { name: '校验' }).click()
    await screen('03-field-validation')
    await page.getByTestId('builder-field-properties').getByRole('tab', { name: '条件' }).click()
    await screen('04-field-conditions')
    // An edit for the publish diff below: the email field's Chinese label.
    await page.getByTestId('builder-field-properties').getByRole('tab', { name: '基本' }).click()
    await page.locator('#builder-field-label-zh').fill('电子邮箱')
    await page.getByText('预览', { exact: true }).click()
    await screen('05-form-preview')

    await page.locator('.ant-tabs-tab', { hasText: '流程' }).first().click()
    await page.getByRole('button', { name: '添加状态' }).waitFor()
    await screen('06-workflow-designer')
    await page.locator('.react-flow__node').first().click()
    await page.locator('#builder-state-label-zh').waitFor()
    await screen('07-state-panel')
    await page.locator('.react-flow__edge').first().click({ force: true })
    await screen('08-transition-panel')
    await page.getByTestId('builder-simulate').click()
    await page.getByTestId('builder-simulate-panel').waitFor()
    await screen('09-simulate')
    await page
      .getByTestId('builder-simulate-panel')
      .locator('xpath=ancestor::div[contains(@class,"ant-drawer")]')
      .first()
      .getByRole('button', { name: '关闭' })
      .click()
    await page.getByTestId('builder-simulate-panel').waitFor({ state: 'hidden' })

    await saved(page)
    await page.locator('.ant-tabs-tab', { hasText: '发布' }).first().click()
    await page.getByTestId('builder-diff').waitFor()
    await screen('10-publish-diff')
    const publish = page.getByTestId('builder-publish')
    await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true)
    await publish.click()
    // A publish that moves records asks first; this one may not.
    const confirm = page.locator('.ant-modal-confirm .ant-btn-primary')
    await page.waitForTimeout(500)
    if (await confirm.isVisible()) await confirm.click()
    await page.getByTestId('builder-restore-2').waitFor()
    const history = await page.locator('.ant-table').innerText()
    expect(history).toContain('Admin')
    expect(history).not.toMatch(/AM|PM/)
    await screen('11-version-history')
  })
})
