import { describe, expect, it } from 'vitest'
import { HISTORY_LIMIT, createHistory, pushHistory, redoHistory, undoHistory } from './history.js'

describe('history', () => {
  it('undoes and redoes steps in order', () => {
    let h = createHistory(1)
    h = pushHistory(h, 2)
    h = pushHistory(h, 3)
    h = undoHistory(h)
    expect(h.present).toBe(2)
    h = undoHistory(h)
    expect(h.present).toBe(1)
    expect(undoHistory(h)).toBe(h)
    h = redoHistory(redoHistory(h))
    expect(h.present).toBe(3)
    expect(redoHistory(h)).toBe(h)
  })

  it('drops the redo branch when a new edit follows an undo', () => {
    let h = pushHistory(pushHistory(createHistory('a'), 'b'), 'c')
    h = pushHistory(undoHistory(h), 'x')
    expect(h.future).toEqual([])
    expect(undoHistory(h).present).toBe('b')
  })

  it('merges consecutive edits with the same coalesce key into one step', () => {
    let h = createHistory('')
    h = pushHistory(h, 'L', 'label')
    h = pushHistory(h, 'Le', 'label')
    h = pushHistory(h, 'Lead', 'label')
    expect(undoHistory(h).present).toBe('')
    h = pushHistory(h, 'Lead!', 'other')
    expect(undoHistory(h).present).toBe('Lead')
  })

  it('does not merge a coalesced edit across an undo', () => {
    let h = pushHistory(pushHistory(createHistory(0), 1, 'k'), 2, 'k')
    h = undoHistory(h)
    h = pushHistory(h, 5, 'k')
    expect(h.past).toEqual([0])
    expect(h.present).toBe(5)
  })

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0)
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = pushHistory(h, i)
    expect(h.past.length).toBe(HISTORY_LIMIT)
    expect(h.past[0]).toBe(20)
  })

  it('ignores an edit that changes nothing', () => {
    const h = createHistory({ a: 1 })
    expect(pushHistory(h, h.present)).toBe(h)
  })
})
