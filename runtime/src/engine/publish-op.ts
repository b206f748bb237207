import { type AppDefinition, type MigrationMap, verifyApp } from '@tessera/schemas'
import type { Stores } from './engine-context.js'
import { errors } from './engine-errors.js'
import type { Actor, PublishResult } from './engine-types.js'
import {
  compileWorkflow,
  type PersistedWorkflow,
  persistWorkflow,
  restoreWorkflow,
} from '../workflow/compile-workflow.js'

/**
 * Publishes a new immutable version. Running instances stay on their version, unless the publish
 * carries a migration map: then instances move to the new version, their states renamed by the map;
 * one whose state is gone and unmapped is marked `needs_migration`, never reset (C4).
 */
export async function publishApp(
  stores: Stores,
  key: string,
  definition: AppDefinition,
  actor: Actor,
  now: Date,
  migration?: MigrationMap,
  onlyIfNew = false,
): Promise<PublishResult> {
  if (definition.key !== key)
    throw errors.definitionInvalid([
      {
        path: '/key',
        code: 'key_mismatch',
        message: { 'zh-CN': `定义的 key 应为 ${key}`, en: `the definition's key must be ${key}` },
      },
    ])
  const verify = verifyApp(definition)
  if (!verify.ok) throw errors.definitionInvalid(verify.errors)
  // The app row is locked from here: a second installer waits, then finds the first one's version.
  const version = await stores.apps.lockForPublish(key, definition.name, actor.userId, now)
  if (onlyIfNew && version > 1)
    return { version: version - 1, verify, migrated: 0, needsMigration: 0, skipped: true }
  await stores.apps.insertVersion(
    key,
    version,
    { ...definition, version },
    migration ?? null,
    actor.userId,
    now,
  )

  let migrated = 0
  let needsMigration = 0
  if (migration) {
    for (const wf of definition.workflows ?? []) {
      const machine = compileWorkflow(wf)
      for (const inst of await stores.records.instancesBefore(key, wf.key, version)) {
        const target = migration.states?.[inst.state] ?? inst.state
        const restored = restoreWorkflow(machine, wf, inst.snapshot as PersistedWorkflow, target)
        if (!restored.ok) {
          if (!inst.needs_migration) {
            await stores.records.markNeedsMigration(inst.record_id, true)
            needsMigration++
          }
          continue
        }
        await stores.records.writeInstance({
          recordId: inst.record_id,
          app: key,
          workflow: wf.key,
          workflowVersion: version,
          state: target,
          snapshot: persistWorkflow(machine, restored.snapshot, wf, version),
          assignee: inst.assignee,
          approval: inst.approval,
          needsMigration: false,
          at: now,
        })
        // the record follows its instance to the new version; armed timers of a renamed state follow it too
        await stores.records.moveToVersion(inst.record_id, version, now)
        if (target !== inst.state)
          await stores.work.renameTimerState(inst.record_id, inst.state, target, inst.app)
        const seq = (await stores.records.lastSeq(inst.record_id, inst.app)) + 1
        await stores.records.appendEvent({
          app: inst.app,
          recordId: inst.record_id,
          seq,
          type: 'migrated',
          actor: actor.userId,
          at: now,
          from: inst.state,
          to: target,
          diff: {},
          meta: { fromVersion: inst.workflow_version, toVersion: version },
        })
        migrated++
      }
    }
  }
  return { version, verify, migrated, needsMigration }
}
