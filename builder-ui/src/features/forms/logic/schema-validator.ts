import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { addFormKeywords } from '@tessera/schemas'
import type { FieldIssue } from './validate-form.js'

export type SchemaCheck = (data: unknown) => FieldIssue[]

const CODES: Record<string, FieldIssue['code']> = {
  required: 'required',
  minLength: 'minLength',
  maxLength: 'maxLength',
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'minimum',
  exclusiveMaximum: 'maximum',
  pattern: 'pattern',
  format: 'format',
  enum: 'enum',
  const: 'enum',
}

/** JSON pointer `/items/0/qty` -> our path `items/0/qty`; a missing property names itself. */
function toIssue(e: ErrorObject): FieldIssue | null {
  const base = e.instancePath.split('/').filter(Boolean)
  if (e.keyword === 'required') base.push(String((e.params as { missingProperty?: string }).missingProperty))
  if (base.length === 0) return null
  const code = CODES[e.keyword]
  if (!code) return null
  const p = e.params as { limit?: number; format?: string }
  return {
    path: base.join('/'),
    code,
    params: p.limit !== undefined ? { n: p.limit } : p.format ? { format: p.format } : {},
  }
}

/**
 * Compiles the server's JSON Schema of a form, so the browser applies exactly the server's rules.
 * ajv generates code; where a Content-Security-Policy forbids that, we return null and rely on the
 * field rules in validate-form.ts plus the server's answer.
 */
export function compileSchema(schema: unknown): SchemaCheck | null {
  if (typeof schema !== 'object' || schema === null) return null
  try {
    // logger off: under a CSP that forbids eval, compile fails and we fall back quietly
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, logger: false })
    addFormats(ajv)
    // the server's own keywords (decimal ranges, real dates, conditions), so both answer alike
    addFormKeywords(ajv)
    const validate = ajv.compile(schema)
    return (data) => {
      if (validate(data)) return []
      return (validate.errors ?? []).map(toIssue).filter((i): i is FieldIssue => i !== null)
    }
  } catch {
    return null
  }
}
