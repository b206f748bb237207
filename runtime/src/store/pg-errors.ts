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
