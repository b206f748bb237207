import { EventEmitter } from 'node:events'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import type { ChangeNotice } from '../server-store.js'

const CHANNEL = 'tessera_changes'
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a batch stays well under. */
const PAYLOAD_BYTES = 7000

export interface ChangeFeed {
  publish(notice: ChangeNotice): Promise<void>
  subscribe(listener: (notice: ChangeNotice) => void): () => void
  close(): Promise<void>
}

const isNotice = (value: unknown): value is ChangeNotice =>
  typeof value === 'object' &&
  value !== null &&
  ['record', 'list', 'notification'].includes((value as ChangeNotice).kind) &&
  typeof (value as ChangeNotice).app === 'string' &&
  typeof (value as ChangeNotice).form === 'string'

/** PGlite is one process: an in-process emitter is the whole fan-out. */
export function inProcessChangeFeed(): ChangeFeed {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publish: async (notice) => {
      emitter.emit('change', notice)
    },
    subscribe(listener) {
      emitter.on('change', listener)
      return () => emitter.off('change', listener)
    },
    close: async () => {
      emitter.removeAllListeners()
    },
  }
}

/**
 * Notices as few NOTIFY payloads as fit: each a JSON array of distinct notices under `maxBytes`
 * (a notice repeated in one batch, like a list's, is sent once; order of first mention is kept).
 */
export function packNotices(notices: ChangeNotice[], maxBytes = PAYLOAD_BYTES): string[] {
  const distinct = [...new Set(notices.map((n) => JSON.stringify(n)))]
  const payloads: string[] = []
  let batch: string[] = []
  let bytes = 2
  for (const one of distinct) {
    const size = Buffer.byteLength(one) + 1
    if (batch.length > 0 && bytes + size > maxBytes) {
      payloads.push(`[${batch.join(',')}]`)
      batch = []
      bytes = 2
    }
    batch.push(one)
    bytes += size
  }
  if (batch.length > 0) payloads.push(`[${batch.join(',')}]`)
  return payloads
}

/** A payload as sent by packNotices (an array), or by an older process (one notice). */
export function unpackNotices(payload: string): ChangeNotice[] {
  try {
    const value: unknown = JSON.parse(payload)
    return (Array.isArray(value) ? value : [value]).filter(isNotice)
  } catch {
    // a foreign payload on our channel is ignored
    return []
  }
}

/**
 * PostgreSQL: NOTIFY through the pool, LISTEN on one dedicated client opened on first subscribe,
 * so every server process behind a load balancer pushes every change to its own open pages.
 * Notices published within `windowMs` (default 10 ms) of the first go out together in one statement
 * (each commit sends two, and a NOTIFY commit takes PostgreSQL's one notify-queue lock), so under
 * load the change feed costs a statement per window, not two per write. One turn of the event loop
 * was the window before: under 50 clients that was still 0.4 statements per write.
 * A lost listener connection reconnects after a pause; notices sent meanwhile are missed (pages
 * refetch on reconnect of their own stream).
 */
export function postgresChangeFeed(db: Kysely<unknown>, url: string, windowMs = 10): ChangeFeed {
  const local = inProcessChangeFeed()
  let client: pg.Client | null = null
  let closed = false
  let listeners = 0

  const connect = async () => {
    if (client || closed) return
    const c = new pg.Client({ connectionString: url })
    client = c
    c.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return
      for (const notice of unpackNotices(message.payload)) void local.publish(notice)
    })
    c.on('error', () => {
      client = null
      c.end().catch(() => {})
      if (!closed && listeners > 0) setTimeout(() => void connect().catch(() => {}), 1000).unref()
    })
    try {
      await c.connect()
      await c.query(`listen ${CHANNEL}`)
    } catch {
      client = null
      await c.end().catch(() => {})
      if (!closed && listeners > 0) setTimeout(() => void connect().catch(() => {}), 1000).unref()
    }
  }

  let pending: ChangeNotice[] = []
  let sending: Promise<void> | null = null
  const flush = async () => {
    const notices = pending
    pending = []
    sending = null
    const payloads = packNotices(notices)
    await sql`select pg_notify(${CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(db)
  }
  const inFlight = new Set<Promise<void>>()

  return {
    publish(notice) {
      pending.push(notice)
      if (!sending) {
        const next = new Promise<void>((resolve) => setTimeout(resolve, windowMs)).then(flush)
        sending = next
        inFlight.add(next)
        void next.finally(() => inFlight.delete(next)).catch(() => {})
      }
      return sending
    },
    subscribe(listener) {
      listeners++
      void connect().catch(() => {})
      const off = local.subscribe(listener)
      return () => {
        listeners--
        off()
      }
    },
    async close() {
      closed = true
      await Promise.allSettled([...inFlight])
      await local.close()
      await client?.end().catch(() => {})
      client = null
    },
  }
}
