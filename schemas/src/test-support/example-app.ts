import { readFileSync } from 'node:fs'
import type { AppDefinition, FormDefinition, WorkflowDefinition } from '../app-definition.js'

/** DESIGN.md's agreed example, as a fresh copy each call so tests can mutate it. */
export const exampleApp = (): AppDefinition =>
  JSON.parse(
    readFileSync(new URL('../fixtures/design-example.json', import.meta.url), 'utf8'),
  ) as AppDefinition

export const leadForm = (app: AppDefinition): FormDefinition => app.forms[0]!
export const leadFlow = (app: AppDefinition): WorkflowDefinition => app.workflows![0]!

/** For shape tests: a value the types forbid, on purpose. */
export const bad = <T>(value: unknown): T => value as T
