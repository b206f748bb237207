/** Why an expression could not be evaluated; the form compiler and the engine turn it into a Problem. */
export type LogicErrorCode =
  | 'UNKNOWN_OPERATOR' // an operator outside OPERATORS
  | 'INVALID_ARGUMENT' // an operator got arguments of the wrong shape (e.g. round to 1.5 decimals)
  | 'NOT_A_NUMBER' // arithmetic on a value that is not a number or numeric string
  | 'TOO_DEEP' // nesting beyond the evaluator's limit (a guard against hostile definitions)

/** The one error the evaluator throws: never a TypeError from deep inside. */
export class LogicError extends Error {
  constructor(
    readonly code: LogicErrorCode,
    message: string,
    readonly operator?: string,
  ) {
    super(message)
    this.name = 'LogicError'
  }
}

export const isLogicError = (e: unknown): e is LogicError => e instanceof LogicError
