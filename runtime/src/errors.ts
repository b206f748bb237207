import type { LocalizedMessage, Problem } from '@tessera/schemas'

/** Every failure kind the runtime reports; the server maps each to one HTTP status. */
export type ErrorCode =
  | 'BAD_REQUEST' // the request's shape is wrong (400)
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // a role or permission forbids it (403)
  | 'NOT_FOUND' // 404
  | 'VERSION_CONFLICT' // stale version (409)
  | 'UNIQUE_VIOLATION' // a taken unique value (409)
  | 'TRANSITION_NOT_OPEN' // the transition is not open in the current state (409)
  | 'ALREADY_DONE' // e.g. converting a lead twice (409)
  | 'DEPARTMENT_CONFLICT' // a move that makes a cycle, a delete of a department not empty (409)
  | 'INVALID' // record data breaks the form's rules, a false guard, a missing required field (422)
  | 'GUARD_FAILED' // 422
  | 'DEFINITION_INVALID' // a definition the verifier rejects (422)
  | 'SNAPSHOT_STATE_MISSING' // a persisted snapshot names a state the version lacks (409)
  | 'PAYLOAD_TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA_TYPE' // 415
  | 'RATE_LIMITED' // 429
  | 'UNAVAILABLE' // the database is unreachable (503)
  | 'STORE_LOCKED' // an embedded data directory is used by another process
  | 'INTERNAL' // 500

/** The one error type of the runtime: a stable code, a message in both languages, and details. */
export class TesseraError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly localized: LocalizedMessage,
    readonly details?: { problems?: Problem[]; [key: string]: unknown },
  ) {
    super(localized.en)
    this.name = 'TesseraError'
  }
}

export const isTesseraError = (e: unknown): e is TesseraError => e instanceof TesseraError
