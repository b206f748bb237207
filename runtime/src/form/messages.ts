// The wording of submission problems lives in @tessera/schemas: the browser words its findings alike.
export {
  type Both,
  type Expectation,
  type MessageParams,
  PROBLEM_CODES,
  type ProblemCode,
  cellLabelOf,
  labelOf,
  messageFor,
  rowLabelOf,
} from '@tessera/schemas'
