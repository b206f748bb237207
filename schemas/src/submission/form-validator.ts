import type { ErrorObject } from 'ajv'
import * as equalModule from 'ajv/dist/runtime/equal.js'
import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js'
import { FORM_CHECKS } from '../logic/form-checks.js'

/** A compiled form's validator, as ajv's standalone code defines it. */
export type StandaloneValidate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null }

/** What the server's `validator.js` module of a form exports. */
export interface FormValidatorModule {
  /** builds the validator, handing it the helpers its code requires by name */
  default: (require: (name: string) => unknown) => StandaloneValidate
  /** the form's JSON Schema the validator was generated from */
  schema: Record<string, unknown>
}

// A CommonJS default seen through ESM interop is either the function or a namespace holding it.
const fn = (m: unknown): unknown => {
  let v = m
  while (typeof v === 'object' && v !== null && 'default' in v) v = (v as { default: unknown }).default
  return v
}

const HELPERS: Record<string, unknown> = {
  '@tessera/form-checks': FORM_CHECKS,
  'ajv/dist/runtime/ucs2length': { default: fn(ucs2lengthModule) },
  'ajv/dist/runtime/equal': { default: fn(equalModule) },
}

/** The validator of a loaded `validator.js` module, its helpers from this bundle (no eval anywhere). */
export function instantiateValidator(module: FormValidatorModule): StandaloneValidate {
  return module.default((name) => {
    const helper = HELPERS[name]
    if (helper === undefined) throw new Error(`a form validator needs ${name}, which is not provided`)
    return helper
  })
}
