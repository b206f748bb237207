export * from './app-definition.js'
export { OPERATORS, STANDARD_OPERATORS, TESSERA_OPERATORS, type Operator } from './logic/operators.js'
export {
  checkImportProfile,
  importProfileSchema,
  parseImportProfile,
  type ColumnMapping,
  type ImportProfile,
  type ImportProfileProblem,
  type ImportStep,
  type MembersMapping,
  type StateMapping,
} from './import-profile.js'
export { verifyApp, parseApp } from './verify-app.js'
export { DefinitionError, isDefinitionError } from './definition-error.js'
export * from './meta-schemas.js'
export {
  validateApp,
  validateForm,
  validateField,
  validateWorkflow,
  validateCondition,
  validateAction,
  validateAssigneeRule,
} from './validators.js'
export { shapeProblems } from './shape-problems.js'
export {
  ROOT_POINTER,
  pointer,
  childPointer,
  localized,
  problem,
  formatProblem,
  type MessageLanguage,
} from './problems.js'
export { durationProblem } from './checks/duration.js'
export { valueProblem } from './checks/value-checks.js'
export { RESERVED_FIELD_KEYS, SYSTEM_FIELDS, KEY_PATTERN } from './checks/system-fields.js'
export { parseJsonText, type JsonTextResult } from './json-text.js'
