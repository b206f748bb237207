export * from './app-definition.js'
export { importJobSchema, type ImportJobView } from './import-job.js'
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
export { argumentsOf, evaluate, operationOf, type EvaluateContext } from './logic/evaluate.js'
export { logicVars } from './logic/logic-vars.js'
export { LogicError, isLogicError, type LogicErrorCode } from './logic/logic-error.js'
export {
  Dec,
  canonicalDecimal,
  codePointLength,
  decimalPlaces,
  formatDecimal,
  isEmptyValue,
  isNumeric,
  isTruthy,
  toDecimal,
} from './logic/logic-values.js'
export {
  compareTemporal,
  formatInstant,
  parseDate,
  parseInstant,
  parseTemporal,
  type Temporal,
} from './logic/temporal.js'
export { verifyApp, parseApp } from './verify-app.js'
export type { VerifyOptions } from './checks/check-context.js'
export { isLinkedField, linkedValueField, lookupTarget } from './linked-fields.js'
export {
  DASHBOARD_FILTERS,
  notFilteredBy,
  widgetFilterSource,
  type DashboardFilter,
} from './widget-filters.js'
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
export { addFormKeywords } from './logic/form-keywords.js'
export { formulaKind, type FormulaKind } from './logic/formula-kind.js'
export { stateFieldAccess } from './logic/field-access.js'
export { visitorFillable } from './public-form-fields.js'
export { recordTitle } from './records/record-title.js'
export { mayBulk, mayCreateIn } from './records/form-permissions.js'
export { decimalScale, moneyScale } from './records/decimal-scale.js'
export { fillMessage } from './records/message-fields.js'
export {
  type DecimalKeyword,
  type KeywordProblem,
  type LogicKeyword,
  type RuleKeyword,
  type TemporalKeyword,
  FORM_CHECKS,
  decimalProblem,
  logicHolds,
  temporalProblem,
} from './logic/form-checks.js'
export {
  type Both,
  type Expectation,
  type MessageParams,
  PROBLEM_CODES,
  type ProblemCode,
  cellLabelOf,
  fieldParams,
  labelOf,
  messageFor,
  optionsText,
  rowLabelOf,
} from './submission/submission-messages.js'
export {
  SHAPE_CODES,
  SEMANTIC_CODES,
  type ShapeCode,
  type SemanticCode,
  type VerifyCode,
} from './problem-codes.js'
export {
  computeFormula,
  conditionHolds,
  orderFormulas,
  resolveFormState,
  type FormState,
  type FormulaOrder,
  type FormulaResult,
} from './logic/form-state.js'
export type * from './automation/automation-definition.js'
export { parseCron, cronDayMatches, type CronSpec, type CronResult } from './automation/cron.js'
export { BAD_CHARACTER, badCharacterAt } from './submission/stored-characters.js'
export { ABSENT_BRANCH, type SchemaValidator, schemaProblems } from './submission/schema-problems.js'
export {
  type FormValidatorModule,
  type StandaloneValidate,
  instantiateValidator,
} from './submission/form-validator.js'
export { DELIMITERS, delimiterName, delimiterOf, sniffDelimiter } from './csv-delimiter.js'
