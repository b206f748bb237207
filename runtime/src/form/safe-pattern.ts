import { TesseraError } from '../errors.js'

// A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*)*: the shape behind
// catastrophic backtracking. A heuristic, not a proof; with the length caps it bounds the work.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,?\d*\})/

/**
 * Compiles a field's `pattern` with the `u` flag, as ajv does, so both count and match alike.
 * @throws TesseraError DEFINITION_INVALID for a pattern that does not compile or may backtrack badly.
 */
export function compilePattern(pattern: string, path: string): RegExp {
  if (NESTED_QUANTIFIER.test(pattern)) {
    throw new TesseraError(
      'DEFINITION_INVALID',
      {
        'zh-CN': `${path} 的正则表达式含嵌套量词，可能导致极慢的匹配：${pattern}`,
        en: `${path}: pattern has nested quantifiers that may backtrack catastrophically: ${pattern}`,
      },
      { path },
    )
  }
  try {
    return new RegExp(pattern, 'u')
  } catch {
    throw new TesseraError(
      'DEFINITION_INVALID',
      {
        'zh-CN': `${path} 的正则表达式无效：${pattern}`,
        en: `${path}: pattern is not a valid regular expression: ${pattern}`,
      },
      { path },
    )
  }
}
