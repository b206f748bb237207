import { describe, expect, it } from 'vitest'
import { reuseUnchanged } from './reuse-unchanged.js'

describe('reuseUnchanged', () => {
  interface TestNode {
    id: string
    position: { x: number; y: number }
    data: { title: string; timers: string[] }
    measured?: { width: number; height: number }
  }
  const node = (id: string, title: string, x = 0): TestNode => ({
    id,
    position: { x, y: 0 },
    data: { title, timers: ['PT1H'] },
  })

  it('keeps the previous object of every item drawn the same', () => {
    const before = [node('a', 'A'), node('b', 'B')]
    const after = reuseUnchanged(before, [node('a', 'A'), node('b', 'B (renamed)')])
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[1]?.data.title).toBe('B (renamed)')
  })

  it('sees a moved node as changed, and a new one as new', () => {
    const before = [node('a', 'A')]
    const after = reuseUnchanged(before, [node('a', 'A', 40), node('c', 'C')])
    expect(after[0]).not.toBe(before[0])
    expect(after[0]?.position.x).toBe(40)
    expect(after.map((n) => n.id)).toEqual(['a', 'c'])
  })

  it('ignores React Flow measurements and carries them over through keep', () => {
    const old = { ...node('a', 'A'), measured: { width: 200, height: 72 } }
    expect(reuseUnchanged([old], [node('a', 'A')])[0]).toBe(old)
    const [changed] = reuseUnchanged([old], [node('a', 'B')], (o, n) => ({ ...n, measured: o.measured }))
    expect(changed?.measured).toEqual({ width: 200, height: 72 })
  })
})
