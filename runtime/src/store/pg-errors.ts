/** PostgreSQL SQLSTATE codes the store reacts to; both pg and PGlite put them on `error.code`. */
const sqlState = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined

/** The constraint a unique violation names, e.g. `unique_value_pkey`. */
export const violatedConstraint = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'constraint' in e
    ? String((e as { constraint: unknown }).constraint)
    : undefined

export const isUniqueViolation = (e: unknown): boolean => sqlState(e) === '23505'
/** serialization failure or deadlock: safe to retry the whole transaction */
export const isRetryable = (e: unknown): boolean => sqlState(e) === '40001' || sqlState(e) === '40P01'
export const isForeignKeyViolation = (e: unknown): boolean => sqlState(e) === '23503'

const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'])

/** The database cannot be reached now (stopped, restarting, network): the caller should try again later. */
export function isUnavailable(e: unknown): boolean {
  const code = sqlState(e)
  if (code && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true
  const message = e instanceof Error ? e.message : ''
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message)
}
