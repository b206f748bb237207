const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id from a URL is checked before it reaches a uuid column, so a malformed one is "not found", not a crash. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)
