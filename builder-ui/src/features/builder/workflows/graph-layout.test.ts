import type { WorkflowDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { layoutWorkflow, NODE_HEIGHT, RANKS_PER_ROW, wrapRanks } from './graph-layout.js'

const flow: WorkflowDefinition = {
  key: 'repair',
  form: 'ticket',
  initial: 'reported',
  states: [{ key: 'reported' }, { key: 'assigned' }, { key: 'fixed' }, { key: 'closed', final: true }],
  transitions: [
    { key: 'assign', from: ['reported'], to: 'assigned', roles: ['lead'] },
    { key: 'fix', from: ['assigned'], to: 'fixed', roles: ['tech'] },
    { key: 'close', from: ['fixed'], to: 'closed', roles: ['lead'] },
    { key: 'remind', from: ['assigned'], to: 'assigned', roles: [] },
  ],
}

describe('layoutWorkflow', () => {
  it('places every state, in flow order from left to right', () => {
    const at = layoutWorkflow(flow)
    expect(Object.keys(at).sort()).toEqual(['assigned', 'closed', 'fixed', 'reported'])
    expect(at.reported!.x).toBeLessThan(at.assigned!.x)
    expect(at.assigned!.x).toBeLessThan(at.fixed!.x)
    expect(at.fixed!.x).toBeLessThan(at.closed!.x)
  })

  it('copes with transitions naming unknown states', () => {
    const broken = {
      ...flow,
      transitions: [...flow.transitions, { key: 'x', from: ['ghost'], to: 'nowhere', roles: [] }],
    }
    expect(Object.keys(layoutWorkflow(broken))).toHaveLength(4)
  })

  it('lays out a 60-state workflow', () => {
    const states = Array.from({ length: 60 }, (_, i) => ({ key: `s${i}` }))
    const transitions = states
      .slice(1)
      .map((s, i) => ({ key: `t${i}`, from: [`s${i}`], to: s.key, roles: [] }))
    const at = layoutWorkflow({ key: 'big', form: 'f', initial: 's0', states, transitions })
    expect(Object.keys(at)).toHaveLength(60)
  })

  it('wraps a long flow into rows of RANKS_PER_ROW steps, read left to right then down', () => {
    const states = Array.from({ length: 12 }, (_, i) => ({ key: `s${i}` }))
    const transitions = states
      .slice(1)
      .map((s, i) => ({ key: `t${i}`, from: [`s${i}`], to: s.key, roles: [] }))
    const at = layoutWorkflow({ key: 'long', form: 'f', initial: 's0', states, transitions })
    const columns = new Set(Object.values(at).map((p) => p.x))
    expect(columns.size).toBe(RANKS_PER_ROW)
    // s0..s3 on the first row, s4..s7 on the second, s8..s11 on the third
    expect(at.s0!.x).toBe(at.s4!.x)
    expect(at.s0!.y).toBeLessThan(at.s4!.y)
    expect(at.s4!.y).toBeLessThan(at.s8!.y)
    expect(at.s3!.y).toBe(at.s0!.y)
    expect(at.s3!.x).toBeGreaterThan(at.s2!.x)
    // rows do not overlap: the next row starts below the node height
    expect(at.s4!.y - at.s0!.y).toBeGreaterThan(NODE_HEIGHT)
  })

  it('spaces each row by its own height: states stacked in one row do not push the others apart', () => {
    // a and b stacked in the first step; c, d in later steps
    const at = wrapRanks(
      {
        a: { x: 0, y: 0 },
        b: { x: 0, y: 600 },
        c: { x: 300, y: 0 },
        d: { x: 600, y: 0 },
        e: { x: 900, y: 0 },
      },
      2,
    )
    expect(at.d).toEqual({ x: 0, y: 600 + NODE_HEIGHT + 110 })
    expect(at.e).toEqual({ x: 300, y: 600 + NODE_HEIGHT + 110 })
  })

  it('leaves a short flow on one line', () => {
    expect(wrapRanks({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 } }, 5)).toEqual({
      a: { x: 0, y: 0 },
      b: { x: 300, y: 0 },
    })
  })
})
