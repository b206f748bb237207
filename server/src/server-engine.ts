import {
  type Clock,
  type OutboxMessage,
  type Store,
  type TesseraEngine,
  createEngine,
} from '@tessera/runtime'
import { createMailer, type SmtpConfig, smtpFromEnv } from './notify/mailer.js'
import { deliverNotify } from './notify/notify-delivery.js'
import type { ServerStore } from './server-store.js'
import { createWebhookSender } from './workers/webhook-guard.js'

export interface ServerEngineOptions {
  clock?: Clock
  /** hosts a webhook may reach even when private (TESSERA_WEBHOOK_ALLOW_HOSTS) */
  webhookAllowHosts?: string[]
  webhookTimeoutMs?: number
  /** deliver outbox messages right after the commit that wrote them (default true) */
  deliverAfterCommit?: boolean
  /** SMTP for e-mail notifications (default: TESSERA_SMTP_URL / TESSERA_SMTP_FROM); null sends none */
  smtp?: SmtpConfig | null
  /** the UI's public address for links in e-mail and robot messages (default TESSERA_PUBLIC_URL) */
  publicUrl?: string
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
  const smtp = options.smtp === undefined ? smtpFromEnv() : options.smtp
  const mailer = smtp ? createMailer(smtp) : null
  const clock = options.clock ?? { now: () => new Date() }
  const publicUrl = options.publicUrl ?? (process.env.TESSERA_PUBLIC_URL || undefined)
  const deliver = async (message: OutboxMessage) => {
    const payload = message.payload
    if (message.kind === 'webhook') {
      await sendWebhook(String(payload.url), payload.body, message.idempotencyKey)
      return
    }
    const app = typeof payload.app === 'string' ? payload.app : ''
    await deliverNotify(message, {
      runtime,
      mailer,
      postJson: sendWebhook,
      robotOf: async (appKey, key) =>
        (await store.apps.published(appKey))?.definition.robots?.find((r) => r.key === key),
      onNotified: (userIds) => {
        for (const userId of userIds)
          void store.changes.publish({ kind: 'notification', app, form: '', userId }).catch(() => {})
      },
      now: () => clock.now(),
      ...(publicUrl ? { baseUrl: publicUrl } : {}),
    })
    // Open pages of the record refetch it (the timeline shows the notice).
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
