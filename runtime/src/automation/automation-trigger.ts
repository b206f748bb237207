import type { AppDefinition, AutomationDefinition, JsonLogic } from '@tessera/schemas'
import { evaluate, isTruthy } from '@tessera/schemas'
import type { EventRow, RecordRow } from '../store/database.js'

/** What an event tells the trigger matcher. */
export interface EventFacts {
  id: string
  type: string
  form: string
  from: string | null
  to: string | null
  changed: string[]
  draft: boolean
  via: string | null
}

export function eventFacts(e: EventRow & { form: string }): EventFacts {
  const meta = e.meta ?? {}
  return {
    id: e.id,
    type: e.type,
    form: e.form,
    from: e.from_state,
    to: e.to_state,
    changed: Object.keys(e.diff ?? {}),
    draft: meta.draft === true,
    via: typeof meta.via === 'string' ? meta.via : null,
  }
}

/**
 * Whether an event fires an automation's trigger. Imports bring history from another system and
 * drafts are half-filled: neither counts as "created". A re-entry (a self-transition) counts as entered.
 */
export function firesOn(app: AppDefinition, a: AutomationDefinition, e: EventFacts): boolean {
  if (e.draft) return false
  const t = a.trigger
  switch (t.on) {
    case 'created':
      return e.type === 'created' && e.form === t.form
    case 'changed':
      return (
        (e.type === 'updated' || e.type === 'transition') &&
        e.form === t.form &&
        e.changed.some((f) => !t.fields || t.fields.includes(f))
      )
    case 'entered': {
      const wf = app.workflows?.find((w) => w.key === t.workflow)
      return wf?.form === e.form && e.to === t.state && (e.type === 'transition' || e.type === 'created')
    }
    default:
      return false
  }
}

/** The `via` an automation's changes carry: which automation, and which run (to follow the chain). */
export const automationVia = (key: string, runId: string) => `automation:${key}#${runId}`

export function parseVia(via: string | null): { automation: string; runId: string } | undefined {
  const m = via ? /^automation:([a-z][a-z0-9_]*)#([0-9a-f-]{36})$/.exec(via) : null
  return m ? { automation: m[1] as string, runId: m[2] as string } : undefined
}

/** A record as expressions see it: its fields plus the system columns conditions may name. */
export function recordScope(row: RecordRow, state: string | null): Record<string, unknown> {
  return {
    ...row.data,
    id: row.id,
    state,
    version: row.version,
    owner: row.owner,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }
}

export function holds(
  condition: JsonLogic | undefined,
  data: Record<string, unknown>,
  now: Date,
  timeZone: string,
): boolean {
  if (condition === undefined) return true
  return isTruthy(evaluate(condition, data, { now, timeZone }))
}

/** Loops: an automation may re-trigger itself once through its own change; never twice, and no chain beyond 5. */
export const MAX_CHAIN = 5

export function loopProblem(chain: string[], key: string): Record<string, unknown> | undefined {
  const self = chain.filter((k) => k === key).length
  if (self < 2 && chain.length < MAX_CHAIN) return undefined
  const path = [...chain, key].join(' → ')
  return {
    code: 'AUTOMATION_LOOP',
    message: {
      'zh-CN': `自动化循环已停止：${path}（自动化由自己的修改再次触发超过一次，或链条超过 ${MAX_CHAIN} 层）`,
      en: `automation loop stopped: ${path} (an automation re-triggered by its own change more than once, or a chain deeper than ${MAX_CHAIN})`,
    },
    chain: [...chain, key],
  }
}
