import { describe, expect, it } from 'vitest'
import { layoutWorkflow } from './graph-layout.js'
import { openingNodes } from './opening-view.js'

const chain = (n: number) => {
  const states = Array.from({ length: n }, (_, i) => ({ key: `s${i}` }))
  const transitions = states.slice(1).map((s, i) => ({ key: `t${i}`, from: [`s${i}`], to: s.key, roles: [] }))
  return { key: 'w', form: 'f', initial: 's0', states, transitions }
}

describe('openingNodes', () => {
  it('fits every state of a small workflow', () => {
    const ids = openingNodes(layoutWorkflow(chain(4)), 's0').map((n) => n.id)
    expect(ids.sort()).toEqual(['s0', 's1', 's2', 's3'])
  })

  it('opens a 60-state workflow on the initial state and its first rows, not all 60', () => {
    const ids = openingNodes(layoutWorkflow(chain(60)), 's0').map((n) => n.id)
    expect(ids).toContain('s0')
    expect(ids).toContain('s4')
    expect(ids).not.toContain('s59')
    expect(ids.length).toBeGreaterThanOrEqual(5)
    expect(ids.length).toBeLessThan(30)
  })

  it('anchors at the top-left when the initial state is unknown', () => {
    const ids = openingNodes(layoutWorkflow(chain(60)), 'ghost').map((n) => n.id)
    expect(ids).toContain('s0')
  })

  it('is empty for a workflow without states', () => {
    expect(openingNodes({}, undefined)).toEqual([])
  })
})
