export * from './app-definition.js'
export { OPERATORS, STANDARD_OPERATORS, TESSERA_OPERATORS, type Operator } from './logic/operators.js'
