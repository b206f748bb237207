/** Every meta-schema has an absolute `$id` under this base, so `$ref`s resolve without a network. */
export const SCHEMA_BASE = 'https://tessera.dev/schemas/'

export const schemaId = (name: string) => `${SCHEMA_BASE}${name}.json`
export const ref = (name: string) => ({ $ref: schemaId(name) })

/** Identifiers (app, form, field, state, transition, role, ... keys). Checked semantically, so that a bad
 * key gets its own code instead of a bare `pattern` error. */
export const keyString = { type: 'string', minLength: 1 } as const
export const keyList = { type: 'array', items: keyString, uniqueItems: true } as const

/** JSON Schema's `if`/`then`/`else`, built in one place: these schemas are data, never awaited. */
export function conditional(condition: object, then: object, otherwise?: object) {
  return { if: condition, then, ...(otherwise ? { else: otherwise } : {}) }
}

/** The dialect every meta-schema declares. */
export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema'
