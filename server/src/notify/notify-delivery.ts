import {
  createIdentityStore,
  createNotificationStore,
  type NotificationDelivery,
  type OutboxMessage,
  type Store,
  type User,
} from '@tessera/runtime'
import type { RobotDefinition } from '@tessera/schemas'
import type { Mailer } from './mailer.js'
import { plainText } from './notify-text.js'
import { robotRefusal, robotRequest } from './robot-message.js'

export interface NotifyDeliveryDeps {
  runtime: Store
  /** null: no SMTP configured, and an e-mail notify fails with that reason */
  mailer: Mailer | null
  /** the SSRF-guarded POST (webhook-guard.ts) */
  postJson(url: string, body: unknown, idempotencyKey: string): Promise<{ status: number; body: string }>
  /** a robot of the app's latest published version */
  robotOf(app: string, key: string): Promise<RobotDefinition | undefined>
  /** the users whose bell got a new notification */
  onNotified(userIds: string[]): void
  now(): Date
  /** the public address of the UI, for links to records (TESSERA_PUBLIC_URL) */
  baseUrl?: string
}

export const SMTP_MISSING =
  'e-mail is not configured: set TESSERA_SMTP_URL and TESSERA_SMTP_FROM (or `tessera start --smtp-url --smtp-from`), then replay the message'

const str = (v: unknown) => (typeof v === 'string' ? v : null)
const writtenAt = (v: unknown) => {
  const d = typeof v === 'string' ? new Date(v) : null
  return d && !Number.isNaN(d.getTime()) ? d : null
}

/** The payload's recipients that are users, read once. */
async function usersOf(runtime: Store, ids: unknown): Promise<User[]> {
  const identity = createIdentityStore(runtime.db)
  const wanted = [...new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [])]
  const users = await Promise.all(wanted.map((id) => identity.getUser(id)))
  return users.filter((u): u is User => u !== undefined)
}

/**
 * Delivers one `notify` outbox message on its channel. Throwing leaves it to the outbox's retries.
 * In-app and e-mail write a row per recipient keyed by the message, so a retry (after a crash, or
 * after some recipients' mail went out) and an admin's replay reach nobody twice.
 */
export async function deliverNotify(message: OutboxMessage, deps: NotifyDeliveryDeps): Promise<void> {
  const payload = message.payload
  const channel = str(payload.channel) ?? 'inapp'
  const app = str(payload.app) ?? ''
  const delivery: NotificationDelivery = {
    outboxKey: message.idempotencyKey,
    app,
    form: str(payload.form),
    recordId: message.recordId,
    payload: {
      message: payload.message ?? '',
      ...(payload.lines ? { lines: payload.lines } : {}),
      ...(str(payload.automation) ? { automation: payload.automation } : {}),
      ...(str(payload.transition) ? { transition: payload.transition } : {}),
    },
    // when it happened, not when a (perhaps late) delivery got to it: the bell orders by this
    at: writtenAt(payload.at) ?? deps.now(),
  }
  const notifications = createNotificationStore(deps.runtime.db)

  if (channel === 'robot') {
    const key = str(payload.robot)
    const robot = key ? await deps.robotOf(app, key) : undefined
    if (!robot) throw new Error(`app ${app} has no robot '${key ?? ''}' in its published version`)
    const request = robotRequest(robot, payload, deps.now(), deps.baseUrl)
    const answer = await deps.postJson(request.url, request.body, message.idempotencyKey)
    const refused = robotRefusal(robot.kind, answer.body)
    if (refused) throw new Error(refused)
    return
  }

  const users = await usersOf(deps.runtime, payload.to)
  if (channel === 'email') {
    if (!deps.mailer) throw new Error(SMTP_MISSING)
    const reached = await notifications.reached(app, message.idempotencyKey, 'email')
    const { subject, text } = plainText(payload, deps.baseUrl)
    const failures: string[] = []
    for (const user of users) {
      if (reached.has(user.id) || !user.active || !user.email) continue
      try {
        await deps.mailer({ to: user.email, subject, text, idempotencyKey: message.idempotencyKey })
        await notifications.add(delivery, 'email', [user.id])
      } catch (e) {
        failures.push(`${user.email}: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    if (failures.length > 0) throw new Error(`e-mail not sent to ${failures.join('; ')}`)
    return
  }

  const added = await notifications.add(
    delivery,
    'inapp',
    users.map((u) => u.id),
  )
  if (added.length > 0) deps.onNotified(added)
}
