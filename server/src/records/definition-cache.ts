import type { AppDefinition, FormDefinition } from '@tessera/schemas'
import type { ServerStore } from '../server-store.js'

export interface DefinitionCache {
  /** the latest published definition of an app, at most `ttlMs` stale */
  latest(app: string): Promise<{ version: number; definition: AppDefinition } | undefined>
  form(app: string, form: string): Promise<FormDefinition | undefined>
  /** drop an app after a publish by this process; other processes see it within ttlMs */
  forget(app: string): void
}

/** Published versions are immutable, so only "which version is latest" can go stale, briefly. */
export function createDefinitionCache(store: ServerStore, ttlMs = 1000): DefinitionCache {
  const cache = new Map<
    string,
    { at: number; value: Promise<{ version: number; definition: AppDefinition } | undefined> }
  >()
  const latest = (app: string) => {
    const hit = cache.get(app)
    if (hit && Date.now() - hit.at < ttlMs) return hit.value
    const value = store.apps.published(app)
    cache.set(app, { at: Date.now(), value })
    value.catch(() => cache.delete(app))
    return value
  }
  return {
    latest,
    async form(app, form) {
      return (await latest(app))?.definition.forms.find((f) => f.key === form)
    },
    forget(app) {
      cache.delete(app)
    },
  }
}
