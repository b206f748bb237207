import {
  type Clock,
  type OutboxMessage,
  type Store,
  type TesseraEngine,
  createEngine,
} from '@tessera/runtime'
import type { ServerStore } from './server-store.js'
import { createWebhookSender } from './workers/webhook-guard.js'

export interface ServerEngineOptions {
  clock?: Clock
  /** hosts a webhook may reach even when private (TESSERA_WEBHOOK_ALLOW_HOSTS) */
  webhookAllowHosts?: string[]
  webhookTimeoutMs?: number
  /** deliver outbox messages right after the commit that wrote them (default true) */
  deliverAfterCommit?: boolean
}

const allowHostsFromEnv = () =>
  (process.env.TESSERA_WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)

/**
 * The engine as the server runs it: every committed change goes to the change feed (so the SSE
 * streams of every process hear it, timers' changes included), and the outbox is delivered
 * through the SSRF-guarded webhook sender.
 */
export function createServerEngine(
  runtime: Store,
  store: ServerStore,
  options: ServerEngineOptions = {},
): TesseraEngine {
  const sendWebhook = createWebhookSender({
    allowHosts: options.webhookAllowHosts ?? allowHostsFromEnv(),
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
  })
  const deliver = async (message: OutboxMessage) => {
    const payload = message.payload
    if (message.kind === 'webhook') {
      await sendWebhook(String(payload.url), payload.body, message.idempotencyKey)
      return
    }
    // A notification reaches its recipients through their inbox and open pages: a record notice.
    const app = typeof payload.app === 'string' ? payload.app : ''
    const form = typeof payload.form === 'string' ? payload.form : ''
    if (app && message.recordId)
      await store.changes.publish({ kind: 'record', app, form, recordId: message.recordId })
  }
  return createEngine({
    store: runtime,
    ...(options.clock ? { clock: options.clock } : {}),
    deliver,
    deliverAfterCommit: options.deliverAfterCommit ?? true,
    hooks: {
      afterCommit(changes) {
        const lists = new Set<string>()
        for (const c of changes) {
          void store.changes
            .publish({ kind: 'record', app: c.app, form: c.form, recordId: c.recordId, version: c.version })
            .catch(() => {})
          lists.add(`${c.app}\u0000${c.form}`)
        }
        for (const key of lists) {
          const [app = '', form = ''] = key.split('\u0000')
          void store.changes.publish({ kind: 'list', app, form }).catch(() => {})
        }
      },
    },
  })
}
