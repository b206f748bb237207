import type { AppDefinition, Problem, VerifyResult } from './app-definition.js'
import { checkAutomations } from './automation/automation-checks.js'
import { type Check, createContext, type VerifyOptions } from './checks/check-context.js'
import { checkForms } from './checks/form-checks.js'
import { checkKeysAndDuplicates } from './checks/key-checks.js'
import { checkLinkedFields } from './checks/linked-checks.js'
import { checkRobots } from './checks/robot-checks.js'
import { checkAppExtras } from './checks/view-checks.js'
import { checkWorkflows } from './checks/workflow-checks.js'
import { DefinitionError } from './definition-error.js'
import { localized, problem, ROOT_POINTER } from './problems.js'
import { shapeProblems } from './shape-problems.js'
import { validateApp } from './validators.js'

const CHECKS: Check[] = [
  checkKeysAndDuplicates,
  checkForms,
  checkLinkedFields,
  checkWorkflows,
  checkAppExtras,
  checkAutomations,
  checkRobots,
]

/**
 * Verifies an app definition: the meta-schema first, then (only on a valid shape, since the semantic
 * checks rely on it) every semantic check. Never throws on any JSON input.
 */
export function verifyApp(definition: unknown, options: VerifyOptions = {}): VerifyResult {
  if (!validateApp(definition)) return { ok: false, errors: shapeProblems(validateApp.errors) }
  const errors: Problem[] = []
  const ctx = createContext(definition, errors, options)
  for (const check of CHECKS) {
    try {
      check(ctx)
    } catch (e) {
      // a check crashing is our bug, never the admin's; report it rather than hide the other findings
      errors.push(
        problem(
          ROOT_POINTER,
          'internal_check_error',
          localized(`校验器内部错误：${String(e)}`, `verifier internal error: ${String(e)}`),
        ),
      )
    }
  }
  return { ok: errors.length === 0, errors }
}

/** The definition, typed, when it verifies; otherwise throws a DefinitionError listing every problem. */
export function parseApp(input: unknown): AppDefinition {
  const result = verifyApp(input)
  if (!result.ok) throw new DefinitionError(result.errors)
  return input as AppDefinition
}
