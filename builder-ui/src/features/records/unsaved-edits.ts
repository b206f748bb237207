import type { FormData } from '../forms/logic/form-logic.js'

/**
 * What the record page's edit form holds that is not saved yet, for the transition buttons beside
 * it: a move carries the edits on screen, so "type a reason, click Qualify" works without a Save
 * first, and the edits and the move are one write (or neither).
 */
export interface UnsavedEdits {
  /**
   * `null` when nothing is changed; `'invalid'` when the changes can't be sent (the form now shows
   * why); else the payload and the version it was edited from.
   */
  take(): null | 'invalid' | { data: FormData; version: number }
  /** the move that carried them was stored as `version`: the form takes the record as it now is */
  committed(version: number): void
}

export type UnsavedEditsRef = { current: UnsavedEdits | null }
