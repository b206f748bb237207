import {
  type AssigneeRule,
  evaluate,
  type JsonLogic,
  type OrgPerson,
  type RoundRobinRule,
} from '@tessera/schemas'
import { orgChart } from '../org/org-chart.js'
import type { Member } from '../store/identity-store.js'
import { memoized, type OpContext } from './engine-context.js'

/**
 * The members, read once per transaction (an import batch assigns many rows from the same pool), and
 * kept by the engine for a moment (membership-cache.ts: a membership or user change here applies at once).
 */
const membersOf = (ctx: OpContext) =>
  memoized(ctx, `members:${ctx.app.key}`, () => {
    const read = () => ctx.identity.listMembers(ctx.app.key)
    return ctx.members ? ctx.members.resolve(`members\u0000${ctx.app.key}`, read) : read()
  })

/** The department tree, read once per transaction, and only by the rules that need it. */
const chartOf = (ctx: OpContext) =>
  memoized(ctx, 'org-chart', async () => orgChart(await ctx.departments.chart()))

/** 'active', 'inactive' or 'unknown' (no such user), once per transaction. */
const userStatus = (ctx: OpContext, id: string) =>
  memoized(ctx, `user-status:${id}`, async () => {
    const user = await ctx.identity.getUser(id)
    return !user ? 'unknown' : user.active ? 'active' : 'inactive'
  })
const activeUser = async (ctx: OpContext, id: string) => (await userStatus(ctx, id)) === 'active'

const eligible = (m: Member, role: string) => m.roles.includes(role) && m.user.active && m.available
/** May an organisation rule pick this person: a member of the app, active, not on leave. */
const mayTake = (m: Member | undefined): m is Member => m?.user.active === true && m.available

/** Whom a rule that starts from a person starts from: the record's submitter or its current assignee. */
export interface RuleSubject {
  owner?: string | null
  assignee?: string | null
}

/** Why a rule that should name one person named nobody; written to the event as `meta.unassigned`. */
export type UnassignedReason =
  | 'inactive' // the user the rule or field names is deactivated
  | 'unknown_user' // the rule or field names a user that does not exist
  | 'no_submitter' // the record has no submitter (a public form)
  | 'no_assignee' // the record had no assignee to start from
  | 'no_department' // the person belongs to no department
  | 'no_head' // no head above them who is an active member of the app
  | 'unknown_department' // the rule names a department that does not exist
  | 'nobody_eligible' // round robin found no active, available member in its pool

export interface PickedAssignee {
  userId: string | null
  /** set when the rule should have named someone and did not (a role, a queue, never sets it) */
  reason?: UnassignedReason
}

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
 * Round robin within a role (and a department's tree), filtered by member attributes. The pointer row
 * is locked for the rest of the transaction, so concurrent submits queue and none reads a stale pointer;
 * the pool keeps the join order and includes ineligible members, so skipping an inactive or absent one
 * never shifts the rotation (C10).
 */
async function roundRobin(
  ctx: OpContext,
  rule: RoundRobinRule,
  data: Record<string, unknown>,
): Promise<PickedAssignee> {
  const picked = await inRotation(ctx, rule, data)
  if (picked.reason !== 'nobody_eligible' || rule.fallback !== 'role' || !rule.where) return picked
  // the whole role (in its department): its own rotation, so the filtered ones never shift
  return inRotation(
    ctx,
    { role: rule.role, ...(rule.department ? { department: rule.department } : {}) },
    data,
  )
}

async function inRotation(
  ctx: OpContext,
  rule: RoundRobinRule,
  data: Record<string, unknown>,
): Promise<PickedAssignee> {
  const wanted = resolveWhere(rule.where, data, ctx)
  let inDepartment: Set<string> | undefined
  if (rule.department) {
    const chart = await chartOf(ctx)
    if (!chart.has(rule.department)) return { userId: null, reason: 'unknown_department' }
    inDepartment = new Set(chart.peopleUnder(rule.department))
  }
  const ruleKey = JSON.stringify({
    role: rule.role,
    where: wanted,
    ...(rule.department ? { department: rule.department } : {}),
  })
  // Members first: the pointer's lock is held until commit and every submit into this rotation waits
  // for it, so nothing that does not need the pointer is read while holding it.
  const members = await membersOf(ctx)
  const pool = members.filter(
    (m) =>
      m.roles.includes(rule.role) &&
      (!inDepartment || inDepartment.has(m.userId)) &&
      Object.entries(wanted).every(([a, v]) => attributeMatches(m.attributes[a], v)),
  )
  // nobody to pick whatever the pointer says: neither read nor lock it, so such writes do not queue
  if (!pool.some((m) => eligible(m, rule.role))) return { userId: null, reason: 'nobody_eligible' }
  const last = await ctx.counters.lockRotation(ctx.app.key, ruleKey, ctx.now)
  const start = last ? pool.findIndex((m) => m.userId === last) : -1
  for (let i = 1; i <= pool.length; i++) {
    const m = pool[(start + i + pool.length) % pool.length] as Member
    if (eligible(m, rule.role)) {
      await ctx.counters.advanceRotation(ctx.app.key, ruleKey, m.userId, ctx.now)
      return { userId: m.userId }
    }
  }
  return { userId: null, reason: 'nobody_eligible' }
}

function subjectOf(person: OrgPerson, subject: RuleSubject | undefined): PickedAssignee | string {
  const id = person === 'submitter' ? subject?.owner : subject?.assignee
  if (id) return id
  return { userId: null, reason: person === 'submitter' ? 'no_submitter' : 'no_assignee' }
}

/** The nearest head above a person who is an active, available member of the app. */
async function headAbove(ctx: OpContext, userId: string): Promise<PickedAssignee> {
  const chart = await chartOf(ctx)
  if (chart.departmentsOf(userId).length === 0) return { userId: null, reason: 'no_department' }
  const members = await membersOf(ctx)
  for (const head of chart.headsAbove(userId))
    if (mayTake(members.find((m) => m.userId === head))) return { userId: head }
  return { userId: null, reason: 'no_head' }
}

/** A person's manager: their `manager` attribute in the app when that member may take work, else their head. */
async function managerOf(ctx: OpContext, userId: string): Promise<PickedAssignee> {
  const members = await membersOf(ctx)
  const manager = members.find((m) => m.userId === userId)?.attributes.manager
  if (typeof manager === 'string' && manager !== userId && mayTake(members.find((m) => m.userId === manager)))
    return { userId: manager }
  return headAbove(ctx, userId)
}

/** A user named by a rule or a field, unless deactivated. */
async function named(ctx: OpContext, id: string | null): Promise<PickedAssignee> {
  if (!id) return { userId: null }
  const status = await userStatus(ctx, id)
  if (status === 'active') return { userId: id }
  return { userId: null, reason: status === 'inactive' ? 'inactive' : 'unknown_user' }
}

/**
 * The one user a rule assigns to, with the reason when it finds nobody it should have found. A role
 * or a department as a whole is a queue: no single assignee, and no reason.
 */
export async function pickAssignee(
  ctx: OpContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
  subject?: RuleSubject,
): Promise<PickedAssignee> {
  if ('user' in rule) return named(ctx, rule.user)
  if ('field' in rule) {
    const v = data[rule.field]
    return named(ctx, typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null)
  }
  if ('roundRobin' in rule) return roundRobin(ctx, rule.roundRobin, data)
  if ('departmentHead' in rule || 'manager' in rule) {
    const from = subjectOf('departmentHead' in rule ? rule.departmentHead : rule.manager, subject)
    if (typeof from !== 'string') return from
    return 'manager' in rule ? managerOf(ctx, from) : headAbove(ctx, from)
  }
  if ('department' in rule && !(await chartOf(ctx)).has(rule.department))
    return { userId: null, reason: 'unknown_department' }
  return { userId: null }
}

/** The one user a rule assigns to, or null (a role as a whole is a queue, no single assignee). */
export async function resolveAssignee(
  ctx: OpContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
  subject?: RuleSubject,
): Promise<string | null> {
  return (await pickAssignee(ctx, rule, data, subject)).userId
}

/** Everyone a rule names: for notifications and approvals (a role or a department means all its eligible members). */
export async function resolveRecipients(
  ctx: OpContext,
  rule: AssigneeRule,
  data: Record<string, unknown>,
  subject?: RuleSubject,
): Promise<string[]> {
  if ('role' in rule) {
    const members = await membersOf(ctx)
    return members.filter((m) => eligible(m, rule.role)).map((m) => m.userId)
  }
  if ('department' in rule) {
    const people = new Set((await chartOf(ctx)).peopleUnder(rule.department))
    const members = await membersOf(ctx)
    return members.filter((m) => people.has(m.userId) && mayTake(m)).map((m) => m.userId)
  }
  if ('field' in rule) {
    const v = data[rule.field]
    if (Array.isArray(v)) {
      const out: string[] = []
      for (const x of v) if (typeof x === 'string' && (await activeUser(ctx, x))) out.push(x)
      return out
    }
  }
  const one = await resolveAssignee(ctx, rule, data, subject)
  return one ? [one] : []
}
