import type { FormDefinition } from '@tessera/schemas'
import { compileLevel } from './compile-level.js'
import type { CompiledForm } from './form-types.js'
import { formJsonSchema } from './form-json-schema.js'
import { prepareForm } from './prepare-form.js'
import { compileSchemaValidator } from './schema-validator.js'
import { validatorModule } from './validator-module.js'

const byIdentity = new WeakMap<FormDefinition, CompiledForm>()
const byKey = new Map<string, CompiledForm>()
// Published versions are immutable, so a key never goes stale; the cap bounds a long-running server.
const MAX_KEYED = 1000

/**
 * Compiles a form version once: its rules, formula order, JSON Schema and (lazily) ajv validator.
 * Cached per definition object, or per `options.key` (`${app}:${form}:${version}`).
 * Pure: no I/O, no clock (the clock comes with each prepare()).
 * @throws TesseraError DEFINITION_INVALID for a formula cycle, a bad or unsafe pattern, an empty subform.
 */
export function compileForm(form: FormDefinition, options: { key?: string } = {}): CompiledForm {
  const cached = options.key === undefined ? byIdentity.get(form) : byKey.get(options.key)
  if (cached) return cached
  const root = compileLevel(form.fields, '')
  const jsonSchema = formJsonSchema(form)
  let validator: ((input: unknown) => boolean) | undefined
  let moduleSource: string | undefined
  const compiled: CompiledForm = {
    form,
    jsonSchema,
    prepare: (input, ctx) => prepareForm(root, input, ctx, form.rules ?? []),
    validateSchema: (input) => {
      validator ??= compileSchemaValidator(jsonSchema)
      return validator(input)
    },
    validatorModule: () => {
      moduleSource ??= validatorModule(jsonSchema)
      return moduleSource
    },
  }
  if (options.key === undefined) byIdentity.set(form, compiled)
  else {
    if (byKey.size >= MAX_KEYED) byKey.delete(byKey.keys().next().value!)
    byKey.set(options.key, compiled)
  }
  return compiled
}
