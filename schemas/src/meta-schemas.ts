/**
 * The JSON Schema 2020-12 meta-schemas of the definition format (DESIGN.md "The definition format").
 * `app-definition.ts` holds the matching TypeScript types; `meta-schemas.test.ts` keeps them in step.
 */
import { appSchema, dashboardSchema, viewSchema } from './meta-schemas/app-schemas.js'
import { automationSchema } from './automation/automation-schema.js'
import { conditionSchema } from './meta-schemas/condition-schema.js'
import { fieldSchema } from './meta-schemas/field-schema.js'
import { formPermissionSchema, formSchema, layoutSchema, roleSchema } from './meta-schemas/form-schemas.js'
import { labelSchema } from './meta-schemas/label-schema.js'
import {
  actionSchema,
  assigneeRuleSchema,
  stateSchema,
  timerSchema,
  transitionSchema,
  workflowSchema,
} from './meta-schemas/workflow-schemas.js'

export { SCHEMA_BASE, schemaId } from './meta-schemas/schema-ids.js'
export { FIELD_TYPE_SHAPES } from './meta-schemas/field-schema.js'
export { ACTION_TYPES } from './meta-schemas/workflow-schemas.js'
export { AUTOMATION_ACTION_TYPES, TRIGGER_KINDS } from './automation/automation-schema.js'
export {
  actionSchema,
  appSchema,
  automationSchema,
  assigneeRuleSchema,
  conditionSchema,
  dashboardSchema,
  fieldSchema,
  formPermissionSchema,
  formSchema,
  labelSchema,
  layoutSchema,
  roleSchema,
  stateSchema,
  timerSchema,
  transitionSchema,
  viewSchema,
  workflowSchema,
}

/** Every meta-schema, for registering with a validator (each has an absolute `$id`). */
export const META_SCHEMAS = [
  labelSchema,
  conditionSchema,
  fieldSchema,
  layoutSchema,
  formPermissionSchema,
  formSchema,
  roleSchema,
  assigneeRuleSchema,
  actionSchema,
  stateSchema,
  transitionSchema,
  timerSchema,
  workflowSchema,
  viewSchema,
  dashboardSchema,
  automationSchema,
  appSchema,
] as const
