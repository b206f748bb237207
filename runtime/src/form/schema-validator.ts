import { addFormKeywords } from '@tessera/schemas'
import { Ajv2020 } from 'ajv/dist/2020.js'

// One ajv for every compiled form: schemas are compiled once per form version (compileForm caches).
const ajv = addFormKeywords(new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }))

/** The browser's check on the server: ajv over a compiled form's JSON Schema. */
export function compileSchemaValidator(schema: Record<string, unknown>): (input: unknown) => boolean {
  const validate = ajv.compile(schema)
  return (input) => validate(input) === true
}
