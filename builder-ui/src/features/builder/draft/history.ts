/**
 * Undo/redo over immutable snapshots. Pure: the caller decides what a step is.
 * Edits that carry the same `coalesce` key in a row (typing in one input) merge into one step, so
 * Ctrl+Z undoes a word, not a keystroke.
 */
export interface History<T> {
  past: T[]
  present: T
  future: T[]
  /** the coalesce key of the newest step; a different key (or none) starts a new step. */
  lastCoalesce?: string | undefined
}

/** How many steps are kept; older ones fall off so a long session does not grow without bound. */
export const HISTORY_LIMIT = 200

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

export function pushHistory<T>(history: History<T>, next: T, coalesce?: string): History<T> {
  if (Object.is(next, history.present)) return history
  if (coalesce !== undefined && coalesce === history.lastCoalesce && history.past.length > 0) {
    return { past: history.past, present: next, future: [], lastCoalesce: coalesce }
  }
  const past = [...history.past, history.present]
  if (past.length > HISTORY_LIMIT) past.shift()
  return { past, present: next, future: [], lastCoalesce: coalesce }
}

export function undoHistory<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1)
  if (previous === undefined) return history
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] }
}

export function redoHistory<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future
  if (next === undefined) return history
  return { past: [...history.past, history.present], present: next, future: rest }
}

/** Replace the present without an undo step (a load from the server). */
export function resetHistory<T>(present: T): History<T> {
  return createHistory(present)
}
