import type { Locator, Page } from 'playwright-core'

/**
 * Pointer gestures as a person makes them: press, move in small steps (dnd-kit and React Flow
 * only start a drag after the pointer travels), release over the target.
 */
export async function drag(
  page: Page,
  source: Locator,
  target: Locator,
  opts: { targetOffset?: { x: number; y: number }; reaim?: boolean } = {},
) {
  // The palette and the canvas scroll on their own: bring the target's end into view, then the source.
  await target.evaluate((el) => el.scrollIntoView({ block: 'end', inline: 'nearest' }))
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  if (!from) throw new Error('drag: the source is not visible')
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 }
  const aim = async () => {
    const to = await target.boundingBox()
    if (!to) throw new Error('drag: the target is not visible')
    const point = opts.targetOffset
      ? { x: to.x + opts.targetOffset.x, y: to.y + opts.targetOffset.y }
      : { x: to.x + to.width / 2, y: to.y + to.height / 2 }
    // A target running past the bottom of the window is dropped on where it is still visible.
    const bottom = (page.viewportSize()?.height ?? 900) - 6
    return { x: point.x, y: Math.min(point.y, bottom) }
  }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 })
  let end = await aim()
  await page.mouse.move(end.x, end.y, { steps: 16 })
  // A drag near a scroll edge auto-scrolls the page (as it should for a person); aim again where the target is now.
  // Not for sorting: there the target itself moves aside to make room, and chasing it is wrong.
  if (opts.reaim !== false) {
    await page.waitForTimeout(150)
    end = await aim()
    await page.mouse.move(end.x, end.y, { steps: 4 })
  }
  await page.mouse.move(end.x + 1, end.y + 1, { steps: 2 })
  await page.mouse.up()
}

/** Opens an antd Select and picks the option with this text. */
export async function choose(page: Page, select: Locator, option: string) {
  await select.click()
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last()
  await dropdown.waitFor()
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click()
}

/** Waits until the editor says every change reached the server. */
export async function saved(page: Page) {
  // Let the last edit render first, so an old "saved" is not taken for the new one.
  await page.waitForTimeout(400)
  await page.locator('[data-testid=builder-save-status][data-status=saved]').waitFor({ timeout: 20_000 })
}
