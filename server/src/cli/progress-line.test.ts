import { describe, expect, it } from 'vitest'
import { createProgressLine } from './progress-line.js'

const fakeStream = (isTTY: boolean) => {
  const writes: string[] = []
  const stream = { isTTY, write: (t: string) => writes.push(t) > 0 } as unknown as NodeJS.WriteStream
  return { stream, writes }
}
const at = (read: number, imported = read) => ({ read, imported, updated: 0, skipped: 0, failed: 0 })

describe('createProgressLine', () => {
  it('draws the final counts once when the last update already showed them (log file)', () => {
    const { stream, writes } = fakeStream(false)
    const line = createProgressLine(false, stream)
    line.update(at(3))
    line.done(at(3))
    expect(writes).toHaveLength(1)
    expect(writes[0]).toMatch(/^ {2}3 rows read · 3 imported/)
  })

  it('draws nothing after done, so the summary printed next is the last line', () => {
    for (const isTTY of [false, true]) {
      const { stream, writes } = fakeStream(isTTY)
      const line = createProgressLine(false, stream)
      line.done(at(5))
      const drawn = writes.length
      line.update(at(5))
      line.done(at(5))
      expect(writes).toHaveLength(drawn)
      expect(writes.join('')).toContain('5 rows read')
    }
  })

  it('draws the final counts when they differ from the last drawn ones', () => {
    const { stream, writes } = fakeStream(false)
    const line = createProgressLine(true, stream)
    line.update(at(1, 0))
    line.done(at(9, 0))
    expect(writes.map((w) => w.split(' · ')[0]?.trim())).toEqual(['1 rows read', '9 rows read'])
    expect(writes[1]).toContain('would import')
  })
})
