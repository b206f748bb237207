import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from './browser.js'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export /** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // evaluated over the devtools protocol: the app's CSP (script-src 'self') rightly refuses inline scripts
  await page.evaluate(axeSource)
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe
    // antd's hidden row that measures column widths is not content; everything else is checked
    const r = await axe.run({ exclude: [['.ant-table-measure-row']] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }))
  })
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.join(', ')}`)
}
