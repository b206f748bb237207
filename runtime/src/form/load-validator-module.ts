import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  type FieldDefinition,
  type FormValidatorModule,
  type Problem,
  instantiateValidator,
  schemaProblems,
} from '@tessera/schemas'

const dir = mkdtempSync(join(tmpdir(), 'tessera-validator-'))
let n = 0

/**
 * Test support: loads a validator module's source as the browser does (a real ES module import,
 * helpers from @tessera/schemas) and answers with the problems the browser would show.
 */
export async function loadBrowserCheck(
  source: string,
  fields: readonly FieldDefinition[],
): Promise<(data: Record<string, unknown>) => Problem[]> {
  const file = join(dir, `form-${n++}.mjs`)
  writeFileSync(file, source)
  const module = (await import(pathToFileURL(file).href)) as FormValidatorModule
  const validate = instantiateValidator(module)
  return (data) => schemaProblems(fields, { validate, schema: module.schema }, data)
}
