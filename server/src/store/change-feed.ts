import { EventEmitter } from 'node:events'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import type { ChangeNotice } from '../server-store.js'

const CHANNEL = 'tessera_changes'

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
 * PostgreSQL: NOTIFY through the pool, LISTEN on one dedicated client opened on first subscribe,
 * so every server process behind a load balancer pushes every change to its own open pages.
 * A lost listener connection reconnects after a pause; notices sent meanwhile are missed (pages
 * refetch on reconnect of their own stream).
 */
export function postgresChangeFeed(db: Kysely<unknown>, url: string): ChangeFeed {
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
      try {
        const notice: unknown = JSON.parse(message.payload)
        if (isNotice(notice)) void local.publish(notice)
      } catch {
        // a foreign payload on our channel is ignored
      }
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

  return {
    async publish(notice) {
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`.execute(db)
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
      await local.close()
      await client?.end().catch(() => {})
      client = null
    },
  }
}
