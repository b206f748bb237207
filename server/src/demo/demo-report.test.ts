import { describe, expect, it } from 'vitest'
import { stageOf } from './demo-report.js'

const lead = (state: string, data: Record<string, unknown> = {}) => ({ id: `l-${state}`, state, data })
const at = '2026-03-02T09:00:00.000Z'

describe('how far a demo lead got in the funnel', () => {
  it('counts what a lead reached, so a lead sales accepted and then returned is still an SAL', () => {
    expect(
      stageOf(lead('nurturing', { qualified_at: at, accepted_at: at, returned_at: at }), new Set()),
    ).toBe(2)
    expect(stageOf(lead('disqualified', { accepted_at: at }), new Set())).toBe(2)
    expect(stageOf(lead('accepted', { accepted_at: at }), new Set())).toBe(2)
  })

  it('leaves a lead returned before anyone accepted it an MQL, and a lead never qualified a lead', () => {
    expect(stageOf(lead('nurturing', { qualified_at: at, returned_at: at }), new Set())).toBe(1)
    expect(stageOf(lead('handed_off'), new Set())).toBe(1)
    expect(stageOf(lead('new'), new Set())).toBe(0)
    expect(stageOf(lead('nurturing'), new Set())).toBe(0)
  })

  it('counts a converted lead an opportunity, and one whose opportunity was won as won', () => {
    expect(stageOf(lead('converted'), new Set())).toBe(3)
    expect(stageOf(lead('converted'), new Set(['l-converted']))).toBe(4)
  })
})
