import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type {
  ActionDefinition,
  AppDefinition,
  AssigneeRule,
  FieldDefinition,
  FormDefinition,
  JsonLogic,
  WorkflowDefinition,
} from './app-definition.js'
import { META_SCHEMAS, schemaId } from './meta-schemas.js'

/**
 * One ajv instance for the definition format. Each validator compiles on its first call, not at
 * import: ajv generates code, which a browser page under a strict CSP may not run, and a page that
 * only evaluates conditions must not pay for (or crash on) it. `verbose` keeps the failing schema and
 * data on each error, which the shape-problem translator reads to word its messages.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true })
addFormats(ajv, ['date', 'date-time'])
for (const schema of META_SCHEMAS) ajv.addSchema(schema)

function compiled<T>(name: string): ValidateFunction<T> {
  let validate: ValidateFunction<T> | undefined
  const lazy = ((data: unknown) => {
    validate ??= ajv.getSchema<T>(schemaId(name))
    if (!validate) throw new Error(`meta-schema ${name} is not registered`)
    const ok = validate(data)
    lazy.errors = validate.errors
    return ok
  }) as ValidateFunction<T>
  return lazy
}

export const validateApp = compiled<AppDefinition>('app')
export const validateForm = compiled<FormDefinition>('form')
export const validateField = compiled<FieldDefinition>('field')
export const validateWorkflow = compiled<WorkflowDefinition>('workflow')
export const validateCondition = compiled<JsonLogic>('condition')
export const validateAction = compiled<ActionDefinition>('action')
export const validateAssigneeRule = compiled<AssigneeRule>('assignee-rule')

export type ShapeError = ErrorObject
