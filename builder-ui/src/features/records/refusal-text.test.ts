import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/api-error.js'
import { refusalText } from './refusal-text.js'

const label = (k: string) => ({ score: 'Score', return_reason: 'Return reason' })[k] ?? k

describe('refusalText', () => {
  it('names the field of a field problem', () => {
    const e = new ApiError(422, 'INVALID', 'invalid', [
      { path: '/return_reason', code: 'required', message: 'is required' },
    ])
    expect(refusalText(e, label)).toBe('Return reason: is required')
  })

  it('does not name the field twice when the message already does', () => {
    const e = new ApiError(422, 'INVALID', 'invalid', [
      { path: '/score', code: 'scale', message: 'Score allows at most 2 decimal places (it has 3).' },
    ])
    expect(refusalText(e, label)).toBe('Score allows at most 2 decimal places (it has 3).')
  })

  it('gives a guard (a problem at the root) as its message alone, without a stray colon', () => {
    const e = new ApiError(422, 'GUARD_FAILED', 'Qualify is not possible', [
      { path: '/', code: 'guard', message: 'only grade A/B leads qualify as they are' },
    ])
    expect(refusalText(e, label)).toBe('only grade A/B leads qualify as they are')
  })

  it("falls back to the server's message", () => {
    expect(refusalText(new ApiError(409, 'VERSION_CONFLICT', 'stale version'), label)).toBe('stale version')
  })
})
