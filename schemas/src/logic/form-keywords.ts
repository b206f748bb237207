import { type KeywordCxt, type KeywordDefinition, _ } from 'ajv'
import type AjvCore from 'ajv/dist/core.js'
import { useFunc } from 'ajv/dist/compile/util.js'
import { decimalProblem, logicHolds, temporalProblem } from './form-checks.js'

export type { DecimalKeyword, LogicKeyword, RuleKeyword, TemporalKeyword } from './form-checks.js'

type Check = ((schema: never, data: never) => unknown) & { code: string }

// Code-generating keywords (not `validate` functions) so that ajv's standalone code can carry them:
// the generated code calls the check through its `code` reference instead of a closure.
const checkRef = (cxt: KeywordCxt, f: Check) => useFunc(cxt.gen, f)

const logicKeyword: KeywordDefinition = {
  keyword: 'tesseraLogic',
  type: 'object',
  schemaType: 'object',
  code(cxt) {
    cxt.fail(_`!${checkRef(cxt, logicHolds)}(${cxt.schemaValue}, ${cxt.data})`)
  },
}

// A form rule; its failure carries the rule (key, field, message) so a browser words it as the server.
const ruleKeyword: KeywordDefinition = {
  keyword: 'tesseraRule',
  type: 'object',
  schemaType: 'object',
  error: { message: 'breaks a form rule', params: ({ schemaValue }) => _`{rule: ${schemaValue}}` },
  code(cxt) {
    cxt.fail(_`!${checkRef(cxt, logicHolds)}(${cxt.schemaValue}, ${cxt.data})`)
  },
}

// The problem the check found travels in the error's params, so a browser can word it as the server does.
const problemKeyword = (keyword: string, type: string | string[], check: Check): KeywordDefinition => ({
  keyword,
  type: type as KeywordDefinition['type'],
  schemaType: 'object',
  error: {
    message: 'is not valid',
    params: ({ params }) => _`{problem: ${params.problem}}`,
  },
  code(cxt) {
    const problem = cxt.gen.const('problem', _`${checkRef(cxt, check)}(${cxt.schemaValue}, ${cxt.data})`)
    cxt.setParams({ problem })
    cxt.fail(_`${problem} !== undefined`)
  },
})

/**
 * Registers the keywords a compiled form schema uses (decimal ranges and scales, real dates, JSON
 * Logic conditions) on the server's ajv, including the one that writes standalone validator modules.
 */
export function addFormKeywords<T extends AjvCore>(ajv: T): T {
  const keywords = [
    logicKeyword,
    ruleKeyword,
    problemKeyword('tesseraDecimal', ['number', 'string'], decimalProblem),
    problemKeyword('tesseraTemporal', 'string', temporalProblem),
  ]
  for (const k of keywords) {
    if (!ajv.getKeyword(k.keyword as string)) ajv.addKeyword(k)
  }
  return ajv
}
