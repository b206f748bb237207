import type { AppDefinition, FormDefinition, MigrationMap, WorkflowDefinition } from '@tessera/schemas'
import type { Kysely } from 'kysely'
import { compileForm } from '../form/compile-form.js'
import type { CompiledForm } from '../form/form-types.js'
import type { Database } from '../store/database.js'
import { createAppStore } from '../store/app-store.js'
import { type CompiledMachine, compileWorkflow } from '../workflow/compile-workflow.js'
import { errors } from './engine-errors.js'

/** One published version of an app, with its forms and workflows compiled once. */
export interface LoadedApp {
  key: string
  version: number
  definition: AppDefinition
  migration: MigrationMap | null
  form(key: string): FormDefinition | undefined
  compiledForm(key: string): CompiledForm
  /** the workflow that governs a form, if any */
  workflowFor(form: string): WorkflowDefinition | undefined
  machine(workflow: string): CompiledMachine
}

function load(definition: AppDefinition, version: number, migration: MigrationMap | null): LoadedApp {
  const forms = new Map(definition.forms.map((f) => [f.key, f]))
  const compiledForms = new Map<string, CompiledForm>()
  const machines = new Map<string, CompiledMachine>()
  return {
    key: definition.key,
    version,
    definition,
    migration,
    form: (key) => forms.get(key),
    compiledForm(key) {
      let c = compiledForms.get(key)
      if (!c) {
        const form = forms.get(key)
        if (!form) throw errors.formNotFound(definition.key, key)
        c = compileForm(form)
        compiledForms.set(key, c)
      }
      return c
    },
    workflowFor: (form) => definition.workflows?.find((w) => w.form === form),
    machine(workflow) {
      let m = machines.get(workflow)
      if (!m) {
        const def = definition.workflows?.find((w) => w.key === workflow)
        if (!def)
          throw errors.badRequest(`unknown workflow ${workflow}`, `未知流程 ${workflow}`, { workflow })
        m = compileWorkflow(def)
        machines.set(workflow, m)
      }
      return m
    },
  }
}

/**
 * Published versions are immutable, so a compiled version can be cached forever by (app, version);
 * which version is the latest is asked of the database each time (another process may publish).
 */
const readLatest = async (db: Kysely<Database>, app: string): Promise<number | undefined> =>
  (await createAppStore(db).getApp(app))?.publishedVersion ?? undefined

export function createAppRegistry(options: { latestTtlMs?: number } = {}) {
  const cache = new Map<string, LoadedApp>()
  // Which version is latest is remembered briefly: a publish in this process updates it at once, one in
  // another process is seen within the TTL. Either version is valid: a record remembers the one it used.
  const latest = new Map<string, { version: number; at: number }>()
  // Concurrent misses share one read (50 requests on one app read it 0.3 times per request), and a
  // read that was running when this process published does not overwrite the version it published.
  const reading = new Map<string, { publishes: number; version: Promise<number | undefined> }>()
  let publishes = 0
  const ttl = options.latestTtlMs ?? 1000

  async function latestVersion(db: Kysely<Database>, app: string): Promise<number | undefined> {
    const known = latest.get(app)
    if (known && Date.now() - known.at < ttl) return known.version
    const running = reading.get(app)
    // a shared read that failed (its transaction broke) fails only its own caller: the others read again
    if (running && running.publishes === publishes) return running.version.catch(() => readLatest(db, app))
    const startedAt = publishes
    const version = readLatest(db, app)
    const mine = { publishes: startedAt, version }
    reading.set(app, mine)
    try {
      const v = await version
      if (v && startedAt === publishes) latest.set(app, { version: v, at: Date.now() })
      return v
    } finally {
      if (reading.get(app) === mine) reading.delete(app)
    }
  }

  return {
    /** Forget the latest version of an app (after this process published it). */
    published(app: string, version: number) {
      publishes++
      latest.set(app, { version, at: Date.now() })
    },
    async get(db: Kysely<Database>, app: string, version?: number): Promise<LoadedApp> {
      const v = version ?? (await latestVersion(db, app))
      if (!v) throw errors.appNotFound(app)
      const cacheKey = `${app}@${v}`
      const hit = cache.get(cacheKey)
      if (hit) return hit
      const stored = await createAppStore(db).getVersion(app, v)
      if (!stored) throw errors.appNotFound(app)
      const loaded = load(stored.definition, stored.version, stored.migration)
      cache.set(cacheKey, loaded)
      return loaded
    },
  }
}

export type AppRegistry = ReturnType<typeof createAppRegistry>
