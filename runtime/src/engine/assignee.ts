import { type AssigneeRule, evaluate, type JsonLogic } from '@tessera/schemas'
import type { Member } from '../store/identity-store.js'
import { memoized, type OpContext } from './engine-context.js'

/** The members, read once per transaction (an import batch assigns many rows from the same pool). */
const membersOf = (ctx: OpContext) =>
  memoized(ctx, `members:${ctx.app.key}`, () => ctx.identity.listMembers(ctx.app.key))

const eligible = (m: Member, role: string) => m.roles.includes(role) && m.user.active && m.available

/** Does a member's attribute match the wanted value (a list attribute matches when it holds the value)? */
function attributeMatches(actual: unknown, wanted: unknown): boolean {
  if (wanted === undefined || wanted === null) return actual === undefined || actual === null
  if (Array.isArray(actual)) return actual.some((a) => String(a) === String(wanted))
  return actual !== undefined && actual !== null && String(actual) === String(wanted)
}

function resolveWhere(
  where: Record<string, JsonLogic> | undefined,
  data: Record<string, unknown>,
  ctx: OpContext,
) {
  const out: Record<string, unknown> = {}
  for (const [attr, expr] of Object.entries(where ?? {}))
    out[attr] = evaluate(expr, data, { now: ctx.now, timeZone: ctx.timeZone })
  return out
}

/**
 * Round robin within a role, filtered by member attributes. The pointer row is locked for the rest of
 * the transaction, so concurrent submits queue and none reads a stale pointer; the pool keeps the join
 * order and includes ineligible members, so skipping an inactive or absent one never shifts the rotation (C10).
 */
async function roundRobin(
  ctx: OpContext,
  rule: { role: string; where?: Record<string, JsonLogic> },
  data: Record<string, unknown>,
) {
  const wanted = resolveWhere(rule.where, data, ctx)
  const ruleKey = JSON.stringify({ role: rule.role, where: wanted })
  const last = await ctx.counters.lockRotation(ctx.app.key, ruleKey, ctx.now)
  const pool = (await membersOf(ctx)).filter(
    (m) =>
      m.roles.includes(rule.role) &&
      Object.entries(wanted).every(([a, v]) => attributeMatches(m.attributes[a], v)),
  )
  const start = last ? pool.findIndex((m) => m.userId === last) : -1
  for (let i = 1; i <= pool.length; i++) {
    const m = pool[(start + i + pool.length) % pool.length] as Member
    if (eligible(m, rule.role)) {
      await ctx.counters.advanceRotation(ctx.app.key, ruleKey, m.userId, ctx.now)
      return m.userId
    }
  }
  return null
}

/** The one user a rule assigns to, or null (a role as a whole is a queue, no single assignee). */
export async function resolveAssignee(
  ctx: OpContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
): Promise<string | null> {
  if ('user' in rule) return rule.user
  if ('field' in rule) {
    const v = data[rule.field]
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null
  }
  if ('roundRobin' in rule) return roundRobin(ctx, rule.roundRobin, data)
  return null
}

/** Everyone a rule names: for notifications and approvals (a role means all its eligible members). */
export async function resolveRecipients(
  ctx: OpContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
): Promise<string[]> {
  if ('role' in rule) {
    const members = await membersOf(ctx)
    return members.filter((m) => eligible(m, rule.role)).map((m) => m.userId)
  }
  if ('field' in rule) {
    const v = data[rule.field]
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string')
  }
  const one = await resolveAssignee(ctx, rule, data)
  return one ? [one] : []
}
