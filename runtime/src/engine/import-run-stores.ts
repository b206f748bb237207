import type { EventRow, RecordRow } from '../store/database.js'
import type { InstanceWrite, NewEvent, NewRecord, RecordStore } from '../store/record-store.js'
import type { Stores } from './engine-context.js'

/** The stores of one import run: new records, their instances and events go out as multi-row inserts. */
export interface ImportRunStores {
  stores: Pick<Stores, 'records' | 'counters' | 'work' | 'files' | 'identity'>
  /** writes what waits; before any other statement of the run, and at its end */
  flush(): Promise<void>
}

/**
 * Wraps a transaction's stores for an import run. Record, instance and event writes wait; any other
 * statement (a counter, a timer, a read) first writes what waits, so it sees the database as if each
 * write had gone out at once. `absent` are the external keys the run's read-ahead found no record for:
 * looking one up answers "none" without a query until a record with that key is inserted.
 */
export function importRunStores(
  base: Pick<Stores, 'records' | 'counters' | 'work' | 'files' | 'identity'>,
  app: string,
  form: string,
  absent: Set<string>,
): ImportRunStores {
  const records: NewRecord[] = []
  const instances = new Map<string, InstanceWrite>()
  const events: NewEvent[] = []
  let pending: Promise<void> | null = null
  // ids a relation check found live in this run; forgotten on any other call (it might delete one)
  const live = new Set<string>()
  const writeAll = async () => {
    if (records.length > 0) await base.records.insertMany(records.splice(0))
    if (instances.size > 0) {
      const list = [...instances.values()]
      instances.clear()
      await base.records.writeInstances(list)
    }
    if (events.length > 0) await base.records.appendEvents(events.splice(0))
  }
  const flush = async () => {
    if (records.length === 0 && instances.size === 0 && events.length === 0) return
    pending ??= writeAll().finally(() => {
      pending = null
    })
    await pending
  }
  const deferredRecords = {
    async insert(r: NewRecord): Promise<RecordRow> {
      if (r.id === undefined) {
        await flush()
        return base.records.insert(r)
      }
      if (r.externalKey !== undefined && r.externalKey !== null && r.app === app && r.form === form)
        absent.delete(r.externalKey)
      records.push(r)
      // what the insert would return: the row as given, read back the way jsonb reads
      return {
        id: r.id,
        app: r.app,
        form: r.form,
        form_version: r.formVersion,
        owner: r.owner,
        created_at: r.at,
        updated_at: r.at,
        version: 1,
        data: JSON.parse(JSON.stringify(r.data)) as Record<string, unknown>,
        search: r.search,
        external_key: r.externalKey ?? null,
        duplicate_of: r.duplicateOf ?? null,
        is_draft: r.draft ?? false,
        deleted_at: null,
      }
    },
    /** A relation check: new records of the run answer from memory, the rest from the database as it is. */
    async existing(a: string, f: string, ids: string[]): Promise<Set<string>> {
      const found = new Set<string>()
      const ask: string[] = []
      for (const id of ids) {
        if (live.has(`${a}\u0000${f}\u0000${id}`)) found.add(id)
        else if (records.some((r) => r.id === id && r.app === a && r.form === f && !r.draft)) found.add(id)
        else ask.push(id)
      }
      if (ask.length > 0)
        for (const id of await base.records.existing(a, f, ask)) {
          found.add(id)
          live.add(`${a}\u0000${f}\u0000${id}`)
        }
      return found
    },
    async findByExternalKey(a: string, f: string, key: string) {
      if (a === app && f === form && absent.has(key)) return undefined
      await flush()
      return base.records.findByExternalKey(a, f, key)
    },
    async writeInstance(i: InstanceWrite) {
      // one statement may write a record's instance only once
      if (instances.has(i.recordId)) await flush()
      instances.set(i.recordId, i)
    },
    async appendEvent(e: NewEvent): Promise<EventRow> {
      events.push(e)
      // the id is known once the run is written; callers in a run do not read it
      return {
        id: '',
        record_id: e.recordId,
        seq: e.seq,
        type: e.type,
        actor: e.actor,
        at: e.at,
        transition: e.transition ?? null,
        from_state: e.from ?? null,
        to_state: e.to ?? null,
        diff: e.diff,
        meta: e.meta ?? null,
      }
    },
  }
  const flushing = <T extends object>(store: T, keep: Record<string, unknown> = {}): T => {
    const out: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(store))
      out[name] =
        name in keep
          ? keep[name]
          : typeof value === 'function'
            ? async (...args: unknown[]) => {
                live.clear()
                await flush()
                return (value as (...a: unknown[]) => Promise<unknown>).apply(store, args)
              }
            : value
    return out as T
  }
  return {
    stores: {
      records: flushing(base.records, deferredRecords) as RecordStore,
      counters: flushing(base.counters),
      work: flushing(base.work),
      files: flushing(base.files),
      identity: flushing(base.identity),
    },
    flush,
  }
}
