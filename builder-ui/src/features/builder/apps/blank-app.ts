import type { AppDefinition, Label } from '@tessera/schemas'

/** A new app from scratch: one empty form to start the designer on, no workflow yet. */
export function blankApp(key: string, name: Label, formTitle: Label): AppDefinition {
  return {
    key,
    name,
    roles: [],
    forms: [{ key: 'main', title: formTitle, fields: [] }],
    workflows: [],
    views: [],
  }
}

/**
 * A copy of a template under a new key and name. Only the app's own key and name change: form,
 * field and state keys are the template's, which is what makes it a copy of the template.
 */
export function copyOfTemplate(template: AppDefinition, key: string, name: Label): AppDefinition {
  const copy = structuredClone(template)
  delete copy.version
  return { ...copy, key, name }
}
