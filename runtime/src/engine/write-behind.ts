import type { EventRow, InstanceRow, RecordRow } from '../store/database.js'
import type {
  InstanceWrite,
  NewEvent,
  NewRecord,
  NewTimer,
  RecordPatch,
  RecordStore,
  TimerCancel,
  UniqueClaim,
  WriteBatch,
} from '../store/record-store.js'
import { eventRow } from '../store/record-store.js'
import type { Stores } from './engine-context.js'

export type WriteStores = Pick<Stores, 'records' | 'counters' | 'work' | 'files' | 'identity'>

/** The stores of one operation with its record writes held back, and what it holds. */
export interface WriteBehind {
  stores: WriteStores
  /** sends what waits (one statement); before any other statement and before the commit */
  flush(): Promise<void>
  /** a new record of this operation that still waits, if any */
  waiting(id: string): NewRecord | undefined
  /**
   * Rows this transaction has just locked with their instances (`lockManyWithInstances`): the next
   * `lockWithInstance` of one answers from here, without a statement, unless a write came between.
   */
  hold(locked: Map<string, Locked>): void
}

type Locked = { row: RecordRow; instance: InstanceRow | undefined }

/** Record reads that cannot change a row, so the rows this transaction holds stay as they are. */
const READS = new Set([
  'find',
  'instance',
  'events',
  'existing',
  'lastSeq',
  'findByExternalKey',
  'findByExternalKeys',
  'findByNormalizedField',
  'instancesBefore',
])

const copy = (data: Record<string, unknown>) => JSON.parse(JSON.stringify(data)) as Record<string, unknown>

/**
 * Wraps a transaction's stores so that new records, record updates, instance writes, events and
 * unique claims wait and go out together as one statement (`RecordStore.writeAll`): a submit is then
 * two round trips (the actor, the writes) instead of five or six. Any other statement first sends
 * what waits, so it sees the database as if each write had gone out at once; a unique claim rides
 * in the same statement as the writes before it. A write answers with the row it will leave, built
 * from the row this transaction locked or wrote (`lock`, `lockWithInstance`, `insert`); without one
 * it goes out at once. The caller must `flush` before the commit, and before a savepoint ends.
 * `onCall` hears of every call that does not wait (the name of the store function).
 */
export function writeBehind(base: WriteStores, options: { onCall?(name: string): void } = {}): WriteBehind {
  const batch: Required<WriteBatch> = {
    records: [],
    updates: [],
    instances: [],
    events: [],
    claims: [],
    timerCancels: [],
    timers: [],
  }
  // rows the waiting batch writes: one statement may change a row only once
  const touched = new Set<string>()
  // rows as this transaction leaves them: locked by it or written by it, so no one else changes them
  const held = new Map<string, RecordRow>()
  // rows locked ahead of their use (`hold`); each answers one lockWithInstance
  const prelocked = new Map<string, Locked>()
  let inflight: Promise<unknown> = Promise.resolve()

  const send = (claims: UniqueClaim[]): Promise<UniqueClaim[]> => {
    const out: Required<WriteBatch> = {
      records: batch.records.splice(0),
      updates: batch.updates.splice(0),
      instances: batch.instances.splice(0),
      events: batch.events.splice(0),
      claims,
      timerCancels: batch.timerCancels.splice(0),
      timers: batch.timers.splice(0),
    }
    touched.clear()
    const empty =
      out.records.length +
        out.updates.length +
        out.instances.length +
        out.events.length +
        claims.length +
        out.timerCancels.length +
        out.timers.length ===
      0
    // statements keep their order: this one goes after any still on its way
    const run = inflight.then(() => (empty ? [] : base.records.writeAll(out)))
    inflight = run.catch(() => {})
    return run
  }
  const flush = async () => {
    await send([])
  }

  const deferred = {
    async insert(r: NewRecord): Promise<RecordRow> {
      if (r.id === undefined || touched.has(r.id)) {
        await flush()
        if (r.id === undefined) return base.records.insert(r)
      }
      const id = r.id as string
      batch.records.push(r)
      touched.add(id)
      // what the insert would return: the row as given, its data read back as a copy
      const row: RecordRow = {
        id,
        app: r.app,
        form: r.form,
        form_version: r.formVersion,
        owner: r.owner,
        created_at: r.at,
        updated_at: r.at,
        version: 1,
        data: copy(r.data),
        search: r.search,
        external_key: r.externalKey ?? null,
        duplicate_of: r.duplicateOf ?? null,
        is_draft: r.draft ?? false,
        deleted_at: null,
      }
      held.set(id, row)
      return row
    },

    async update(id: string, patch: RecordPatch): Promise<RecordRow> {
      prelocked.delete(id)
      const current = held.get(id)
      if (!current) {
        await flush()
        return base.records.update(id, patch)
      }
      if (touched.has(id)) await flush()
      batch.updates.push({ id, app: current.app, patch })
      touched.add(id)
      const row: RecordRow = {
        ...current,
        ...(patch.data !== undefined ? { data: copy(patch.data) } : {}),
        ...(patch.search !== undefined ? { search: patch.search } : {}),
        version: patch.version,
        updated_at: patch.at,
        ...(patch.formVersion !== undefined ? { form_version: patch.formVersion } : {}),
        ...(patch.draft !== undefined ? { is_draft: patch.draft } : {}),
      }
      held.set(id, row)
      return row
    },

    async lock(id: string): Promise<RecordRow | undefined> {
      await flush()
      const row = await base.records.lock(id)
      if (row) held.set(row.id, row)
      return row
    },

    async lockWithInstance(id: string) {
      const ahead = prelocked.get(id)
      if (ahead) {
        prelocked.delete(id)
        held.set(id, ahead.row)
        return ahead
      }
      await flush()
      const found = await base.records.lockWithInstance(id)
      if (found) held.set(found.row.id, found.row)
      return found
    },

    async writeInstance(i: InstanceWrite): Promise<void> {
      prelocked.delete(i.recordId)
      const key = `instance:${i.recordId}`
      if (touched.has(key)) await flush()
      batch.instances.push(i)
      touched.add(key)
    },

    async appendEvent(e: NewEvent): Promise<EventRow> {
      batch.events.push(e)
      // the id is known once the batch is written; no caller reads it
      return { id: '', ...eventRow(e) }
    },
  }

  const work = {
    /** A state left: its armed timers are cancelled with the writes, before any timer armed after it. */
    async cancelTimers(of: TimerCancel): Promise<number> {
      if (touched.has(`timers:${of.recordId}`)) await flush()
      batch.timerCancels.push(of)
      // how many is known once the batch is written; no caller of a waiting cancel reads it
      return 0
    },
    async armTimer(t: NewTimer): Promise<void> {
      batch.timers.push(t)
      // a later cancel of this record must see this timer: it goes in the next statement
      touched.add(`timers:${t.recordId}`)
    },
  }

  const counters = {
    /** The claim goes out with the writes waiting before it (its record among them), in one statement. */
    async claimUnique(app: string, form: string, field: string, value: string, recordId: string) {
      const taken = await send([{ app, form, field, value, recordId }])
      return taken.length > 0
    },
  }

  /**
   * Every other call sends what waits first; a record write that does not wait forgets the rows
   * held. Each function is wrapped when first read, not all of a store's up front on every transaction.
   */
  const flushing = <T extends object>(
    store: T,
    keep: Record<string, unknown>,
    changesRecords: boolean,
  ): T => {
    const wrapped = new Map<string, unknown>()
    return new Proxy(store, {
      get(target, name) {
        if (typeof name !== 'string') return Reflect.get(target, name)
        if (Object.hasOwn(keep, name)) return keep[name]
        const value = Reflect.get(target, name)
        if (typeof value !== 'function') return value
        let wrapper = wrapped.get(name)
        if (!wrapper) {
          wrapper = async (...args: unknown[]) => {
            if (changesRecords && !READS.has(name)) held.clear()
            options.onCall?.(name)
            await flush()
            return (value as (...a: unknown[]) => Promise<unknown>).apply(store, args)
          }
          wrapped.set(name, wrapper)
        }
        return wrapper
      },
    })
  }
  return {
    stores: {
      records: flushing(base.records, deferred, true) as RecordStore,
      counters: flushing(base.counters, counters, false),
      work: flushing(base.work, work, false),
      files: flushing(base.files, {}, false),
      identity: flushing(base.identity, {}, false),
    },
    flush,
    waiting: (id) => (touched.has(id) ? batch.records.find((r) => r.id === id) : undefined),
    hold(locked) {
      for (const [id, found] of locked) prelocked.set(id, found)
    },
  }
}
