import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { choose, saved } from './builder-ui-helpers.js'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'

/*
 * Notify channels in the builder, on the shipped CRM: a DingTalk robot added in App settings, an
 * automation's notify sent to it, the draft saved and verified clean by the server.
 * Screenshots: tests/e2e/screenshots/builder-notify-*.png.
 */

let server: RunningServer
let browser: BrowserContext
let closeBrowser: () => Promise<void>
let page: Page
let admin: ApiSession

interface Draft {
  robots?: { key: string; kind: string; url: string; secret?: string }[]
  automations?: { key: string; actions: { type: string; channel?: string; robot?: string; to?: unknown }[] }[]
}
const draft = async () => {
  const body = await api<{ definition?: Draft } & Draft>(admin, 'GET', '/apps/crm/draft')
  return body.definition ?? body
}

describe('builder: notify channels and robots', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(page, 'builder-notify-failed')
  })
  afterAll(async () => {
    await closeBrowser?.()
    await server?.stop()
  })

  it('adds a signed DingTalk robot and points a notify at it; the server finds no problem', async () => {
    await page.goto(`${server.url}/builder/crm/automations`)
    await page.getByTestId('builder-automation-item-weekly_review').click()
    const actions = page.getByTestId('builder-automation-actions')
    // the shipped review mails operations as well as ringing their bell
    const mailCard = actions.locator('.ant-card').nth(1)
    await expect(mailCard.getByTestId('notify-channel').innerText()).resolves.toContain('E-mail')

    await page.getByTestId('builder-app-settings-button').click()
    const robots = page.getByTestId('builder-robots')
    await robots.getByTestId('builder-add-robot').click()
    await robots.getByLabel('Key').fill('ops_group')
    await robots.getByLabel('Webhook URL').fill('https://oapi.dingtalk.com/robot/send?access_token=abc')
    await robots.getByLabel('Signing secret').fill('SEC123')
    await snap(page, 'builder-notify-01-robots')
    await page.getByTestId('builder-app-settings').locator('.ant-drawer-close').click()
    await page.getByTestId('builder-app-settings').waitFor({ state: 'hidden' })
    await mailCard.scrollIntoViewIfNeeded()

    await choose(page, mailCard.getByTestId('notify-channel'), 'Chat robot')
    // the one robot there is is picked at once
    await expect(mailCard.getByTestId('notify-robot').innerText()).resolves.toContain('ops_group (dingtalk)')
    await snap(page, 'builder-notify-02-robot-channel')
    await saved(page)

    const d = await draft()
    expect(d.robots).toEqual([
      {
        key: 'ops_group',
        kind: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        secret: 'SEC123',
      },
    ])
    const review = d.automations?.find((a) => a.key === 'weekly_review')
    expect(review?.actions.map((a) => [a.channel, a.robot])).toEqual([
      [undefined, undefined],
      ['robot', 'ops_group'],
    ])
    // a robot posts to its group: the notify has no recipients to pick, and keeps none
    expect(review?.actions[1]).not.toHaveProperty('to')
    const verdict = await api<{ ok: boolean; errors: unknown[] }>(admin, 'POST', '/apps/crm/verify', d)
    expect(verdict).toEqual({ ok: true, errors: [] })

    // back to e-mail: the robot goes with the channel
    await choose(page, mailCard.getByTestId('notify-channel'), 'E-mail')
    await saved(page)
    const back = (await draft()).automations?.find((a) => a.key === 'weekly_review')
    // e-mail goes to people again: the recipients are asked for anew
    expect(back?.actions[1]).toMatchObject({ channel: 'email', to: { role: '' } })
    expect(back?.actions[1]).not.toHaveProperty('robot')
  })
})
