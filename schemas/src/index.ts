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
