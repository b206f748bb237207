import type { RecordRow } from '../store/database.js'
import type { NewRecord, RecordStore } from '../store/record-store.js'
import { type WriteStores, writeBehind } from './write-behind.js'

/** The stores of one import run: new records, their instances and events go out together. */
export interface ImportRunStores {
  stores: WriteStores
  /** writes what waits; before any other statement of the run, and at its end */
  flush(): Promise<void>
}

/**
 * Wraps a transaction's stores for an import run: the writes wait as `writeBehind` holds them, and
 * go out as one statement before any other statement and at the run's end. `absent` are the external
 * keys the run's read-ahead found no record for: looking one up answers "none" without a query until
 * a record with that key is inserted. A relation check remembers the ids it found live until a call
 * that might delete one.
 */
export function importRunStores(
  base: WriteStores,
  app: string,
  form: string,
  absent: Set<string>,
): ImportRunStores {
  // ids a relation check found live in this run; forgotten on any other call (it might delete one)
  const live = new Set<string>()
  const behind = writeBehind(base, { onCall: () => live.clear() })
  const records = behind.stores.records
  const run = {
    ...records,
    async insert(r: NewRecord): Promise<RecordRow> {
      if (r.externalKey !== undefined && r.externalKey !== null && r.app === app && r.form === form)
        absent.delete(r.externalKey)
      return records.insert(r)
    },
    /** A relation check: new records of the run answer from memory, the rest from the database as it is. */
    async existing(a: string, f: string, ids: string[]): Promise<Set<string>> {
      const found = new Set<string>()
      const ask: string[] = []
      for (const id of ids) {
        const waiting = behind.waiting(id)
        if (live.has(`${a}\u0000${f}\u0000${id}`)) found.add(id)
        else if (waiting && waiting.app === a && waiting.form === f && !waiting.draft) found.add(id)
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
      return records.findByExternalKey(a, f, key)
    },
  } satisfies RecordStore
  return { stores: { ...behind.stores, records: run }, flush: behind.flush }
}
