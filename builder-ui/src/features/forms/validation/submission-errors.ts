import { type FieldDefinition, type SchemaValidator, schemaProblems } from '@tessera/schemas'
import { errorsByField } from '../../../api/api-error.js'

/**
 * The server's problems for the data about to be sent, found by the form's own validator and worded
 * as the server words them, per field (`email`, `items/0/qty`) in the UI's language. Problems of
 * fields this user cannot see (`hidden`) are the server's business: it keeps their stored values.
 */
export function submissionErrors(
  fields: readonly FieldDefinition[],
  validator: SchemaValidator,
  data: Record<string, unknown>,
  lang: 'en' | 'zh-CN',
  hidden: ReadonlySet<string> = new Set(),
): Record<string, string[]> {
  const problems = schemaProblems(fields, validator, data).filter((p) => {
    const key = p.path.split('/')[1] ?? ''
    return !hidden.has(key.replace(/~1/g, '/').replace(/~0/g, '~'))
  })
  return errorsByField(problems.map((p) => ({ path: p.path, code: p.code, message: p.message[lang] })))
}
