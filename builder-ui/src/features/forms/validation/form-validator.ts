import { type FormValidatorModule, type SchemaValidator, instantiateValidator } from '@tessera/schemas'
import { useQuery } from '@tanstack/react-query'

const enc = encodeURIComponent

/** Where the server serves a form's validator module; `version` makes the answer cacheable for good. */
export const formValidatorUrl = (app: string, form: string, version: number) =>
  `/api/apps/${enc(app)}/forms/${enc(form)}/validator.js?v=${version}`
export const publicValidatorUrl = (token: string, version: number | undefined) =>
  `/api/public/forms/${enc(token)}/validator.js${version ? `?v=${version}` : ''}`

/**
 * Loads a form's validator: an ES module from our own origin (allowed by `script-src 'self'`; ajv
 * compiled it on the server, so the browser needs no eval), its helpers from this bundle.
 */
export async function loadFormValidator(url: string): Promise<SchemaValidator> {
  const module = (await import(/* @vite-ignore */ url)) as FormValidatorModule
  return { validate: instantiateValidator(module), schema: module.schema }
}

/** The validator of a form, or undefined while it loads (or when there is none to load). */
export function useFormValidator(url: string | undefined): SchemaValidator | undefined {
  const q = useQuery({
    queryKey: ['form-validator', url],
    queryFn: () => loadFormValidator(url!),
    enabled: url !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  })
  return q.data
}
