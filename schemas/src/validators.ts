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
 * One ajv instance for the definition format, compiled once at import. `verbose` keeps the failing
 * schema and data on each error, which the shape-problem translator reads to word its messages.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true })
addFormats(ajv, ['date', 'date-time'])
for (const schema of META_SCHEMAS) ajv.addSchema(schema)

function compiled<T>(name: string): ValidateFunction<T> {
  const validate = ajv.getSchema<T>(schemaId(name))
  if (!validate) throw new Error(`meta-schema ${name} is not registered`)
  return validate
}

export const validateApp = compiled<AppDefinition>('app')
export const validateForm = compiled<FormDefinition>('form')
export const validateField = compiled<FieldDefinition>('field')
export const validateWorkflow = compiled<WorkflowDefinition>('workflow')
export const validateCondition = compiled<JsonLogic>('condition')
export const validateAction = compiled<ActionDefinition>('action')
export const validateAssigneeRule = compiled<AssigneeRule>('assignee-rule')

export type ShapeError = ErrorObject
