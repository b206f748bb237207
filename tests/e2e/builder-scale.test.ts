import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserContext, launchBrowser, type Page, snap } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'
import { type ApiSession, api, apiLogin } from './workspace-api.js'
import { signIn } from './support/sign-in.js'
import { drag } from './builder-ui-helpers.js'

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

type Probe = 'keydown' | 'click' | 'wheel' | 'pointerup'

/**
 * Input-to-next-paint in the page: from the event's own timestamp (keydown, click, pointerup,
 * wheel) to the frame after the handlers ran. React renders discrete events synchronously, so the
 * frame after is the one that shows the change. Playwright's own round trips are not counted.
 * A modifier's own keydown (the Control of Ctrl+Z) is not an interaction and is not counted.
 */
async function installLatencyProbe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __latency: number[]; __probe: string; __probeOn?: boolean }
    w.__latency = []
    // Once per page: the workflow test runs in the same page, and a second listener counts twice.
    if (w.__probeOn) return
    w.__probeOn = true
    for (const type of ['keydown', 'click', 'wheel', 'pointerup']) {
      document.addEventListener(
        type,
        (event) => {
          if (event.type !== w.__probe) return
          if (event instanceof KeyboardEvent && ['Control', 'Shift', 'Alt', 'Meta'].includes(event.key))
            return
          const start = event.timeStamp
          requestAnimationFrame(() => setTimeout(() => w.__latency.push(performance.now() - start), 0))
        },
        { capture: true, passive: true },
      )
    }
  })
}

/** Runs `act` `times` times, each after the previous one painted; the latencies of its `event`s. */
async function sample(
  page: Page,
  event: Probe,
  times: number,
  act: (i: number) => Promise<unknown>,
): Promise<number[]> {
  await page.evaluate((type) => {
    const w = window as unknown as { __latency: number[]; __probe: string }
    w.__latency = []
    w.__probe = type
  }, event)
  for (let i = 0; i < times; i++) {
    const before = await page.evaluate(() => (window as unknown as { __latency: number[] }).__latency.length)
    await act(i)
    await page.waitForFunction(
      (n) => (window as unknown as { __latency: number[] }).__latency.length > n,
      before,
    )
  }
  return page.evaluate(() => (window as unknown as { __latency: number[] }).__latency)
}

const results: { what: string; samples: number[] }[] = []
function report(what: string, samples: number[]) {
  results.push({ what, samples })
  console.log(`builder-scale: ${what}: ${summary(samples)}`)
}
function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return `median ${Math.round(quantile(sorted, 0.5))} ms, p95 ${Math.round(quantile(sorted, 0.95))} ms (n=${samples.length})`
}

describe('builder at scale', () => {
  beforeAll(async () => {
    server = await startServer()
    admin = await apiLogin(server.url, server.adminEmail, server.adminPassword)
    await api(admin, 'PUT', '/apps/big/draft', bigApp())
    ;({ browser, close: closeBrowser } = await launchBrowser())
    page = browser.pages()[0] ?? (await browser.newPage())
    await signIn(page, server.url, server.adminEmail, server.adminPassword)
  })

  afterAll(async () => {
    // The table for docs/benchmarks.md (builder section).
    console.log(
      ['| interaction | median ms | p95 ms | n |', '|---|---|---|---|']
        .concat(
          results.map(({ what, samples }) => {
            const sorted = [...samples].sort((a, b) => a - b)
            return `| ${what} | ${Math.round(quantile(sorted, 0.5))} | ${Math.round(quantile(sorted, 0.95))} | ${samples.length} |`
          }),
        )
        .join('\n'),
    )
    await closeBrowser?.()
    await server?.stop()
  })

  it('stays responsive on a 300-field form', async () => {
    const start = performance.now()
    await page.goto(`${server.url}/builder/big/forms`)
    await page.locator('[data-field-key=f299]').waitFor()
    console.log(`builder-scale: open the 300-field form: ${Math.round(performance.now() - start)} ms`)
    await installLatencyProbe(page)

    report(
      'select a field (click a card)',
      await sample(page, 'click', 12, (i) => page.locator(`[data-field-key=f${240 + i}]`).click()),
    )
    await page.locator('[data-field-key=f250]').click()
    const label = page.locator('#builder-field-label-en')
    await label.click()
    await label.press('End')
    report(
      'keystroke in the label of field 250',
      await sample(page, 'keydown', 30, (i) => page.keyboard.press(String.fromCharCode(97 + (i % 26)))),
    )
    await page
      .locator('[data-field-key=f250]')
      .getByText(/^Field 250abc/)
      .waitFor()

    // Out of the input: the canvas's empty corner, so Ctrl+Z is the builder's undo of the typing.
    await page.locator('[data-testid=builder-canvas]').click({ position: { x: 2, y: 2 } })
    report(
      'undo (Ctrl+Z)',
      await sample(page, 'keydown', 5, async () => {
        await page.keyboard.press('Control+z')
      }),
    )
    report(
      'add a field (click a palette type)',
      await sample(page, 'click', 10, () => page.locator('[data-palette-type=text]').click()),
    )
    await expect(page.locator('[data-field-key]').count()).resolves.toBeGreaterThanOrEqual(310)

    // Real pointer drags inside the 150-card section: card 3+i's handle onto the card two rows below.
    const section = page.locator('[data-container="0"] [data-field-key]')
    const order = () =>
      section.evaluateAll((cards) => cards.slice(0, 24).map((c) => c.getAttribute('data-field-key')))
    const before = await order()
    await page.locator('[data-container="0"]').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    report(
      'reorder a card by drag (drop to paint)',
      await sample(page, 'pointerup', 6, (i) =>
        drag(
          page,
          page.locator(`[data-field-key=f${3 + i}] [data-drag-handle]`),
          page.locator(`[data-field-key=f${9 + i}]`),
          { reaim: false },
        ),
      ),
    )
    expect(await order()).not.toEqual(before)
    await snap(page, 'builder-scale-01-300-fields')
  })

  it('stays responsive on a 60-state workflow', async () => {
    const start = performance.now()
    await page.getByRole('tab', { name: 'Workflows' }).click()
    await page.locator('.react-flow__node').first().waitFor()
    console.log(`builder-scale: open the 60-state workflow: ${Math.round(performance.now() - start)} ms`)
    // Opens on the initial state at a zoom where labels read, not all 60 at a tenth of their size.
    await page.waitForTimeout(300)
    const zoom = await page
      .locator('.react-flow__viewport')
      .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a)
    expect(zoom).toBeGreaterThanOrEqual(0.7)
    await expect(page.locator('.react-flow__node[data-id=s0]').isVisible()).resolves.toBe(true)
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(1)
    await snap(page, 'builder-scale-02-60-states-open')
    await installLatencyProbe(page)
    report(
      'open a state panel (click a node)',
      await sample(page, 'click', 10, (i) => page.locator('.react-flow__node').nth(i).click()),
    )
    await page.locator('#builder-state-label-en').click()
    await page.locator('#builder-state-label-en').press('End')
    report('keystroke in a state label', await sample(page, 'keydown', 20, () => page.keyboard.press('x')))
    const graph = page.getByTestId('builder-workflow-graph')
    const box = await graph.boundingBox()
    if (!box) throw new Error('graph not visible')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    report(
      'zoom the graph (wheel)',
      await sample(page, 'wheel', 10, (i) => page.mouse.wheel(0, i % 2 ? 120 : -120)),
    )
    report(
      'add a state',
      await sample(page, 'click', 10, () => page.getByTestId('builder-add-state').click()),
    )
    await expect(page.locator('#builder-state-key').inputValue()).resolves.toBe('state_70')
    const layout = performance.now()
    await page.getByRole('button', { name: 'Auto layout' }).click()
    await page.waitForTimeout(50)
    console.log(`builder-scale: auto layout: ${Math.round(performance.now() - layout)} ms`)
    await snap(page, 'builder-scale-02-60-states')
  })
})
