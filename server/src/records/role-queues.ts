import type { Actor, Engine, RecordView, Store } from '@tessera/runtime'
import { createDepartmentStore, createIdentityStore, isTesseraError, orgChart } from '@tessera/runtime'
import type { AppDefinition, AssigneeRule } from '@tessera/schemas'
import type { DefinitionCache } from './definition-cache.js'

/** Unassigned records in a state whose assignee rule is a role or department this person is in. */
export interface RoleQueue {
  app: string
  form: string
  state: string
  /** the role or department the state is assigned to as a whole */
  queue: { role: string } | { department: string }
  /** how many wait, through the person's own row rules; an estimate past 10,000 */
  total: number
  totalIsEstimate: boolean
  /** the longest waiting first */
  items: RecordView[]
}

/** The role or department a state's rule hands its records to as a queue, if it is one. */
function queueOf(rule: AssigneeRule | undefined): RoleQueue['queue'] | undefined {
  if (!rule) return undefined
  if ('role' in rule) return { role: rule.role }
  if ('department' in rule) return { department: rule.department }
  // a rotation that found nobody leaves the record with the rotation's role
  if ('roundRobin' in rule) return { role: rule.roundRobin.role }
  return undefined
}

/** The departments an app's states hand records to as a queue. */
const departmentsQueuedIn = (definition: AppDefinition): string[] =>
  (definition.workflows ?? []).flatMap((w) =>
    w.states.flatMap((s) => {
      const q = queueOf(s.assignee)
      return q && 'department' in q ? [q.department] : []
    }),
  )

/** The (form, state) pairs of one app that queue for someone with these roles and departments. */
export function queuedStates(
  definition: AppDefinition,
  roles: readonly string[],
  inDepartment: (key: string) => boolean,
): { form: string; state: string; queue: RoleQueue['queue'] }[] {
  const out: { form: string; state: string; queue: RoleQueue['queue'] }[] = []
  for (const workflow of definition.workflows ?? [])
    for (const state of workflow.states) {
      const queue = queueOf(state.assignee)
      if (!queue) continue
      const mine = 'role' in queue ? roles.includes(queue.role) : inDepartment(queue.department)
      if (mine) out.push({ form: workflow.form, state: state.key, queue })
    }
  return out
}

/**
 * Every queue this person may pick work from, across their apps: each read through the engine as
 * them, so their row rules and hidden fields hold. Empty queues are left out.
 */
export async function roleQueues(
  deps: { engine: Engine; store: Store; definitions: DefinitionCache },
  actor: Actor,
  perQueue: number,
): Promise<RoleQueue[]> {
  const userId = actor.userId
  if (!userId) return []
  const memberships = await createIdentityStore(deps.store.db).listMemberships(userId)
  // a department queue is mine when I am in its tree: the tree is read once, and only if needed
  let chart: ReturnType<typeof orgChart> | undefined
  const inDepartment = async (key: string) => {
    chart ??= orgChart(await createDepartmentStore(deps.store.db).chart())
    return chart.has(key) && chart.peopleUnder(key).includes(userId)
  }
  const queues: RoleQueue[] = []
  for (const membership of memberships) {
    const published = await deps.definitions.latest(membership.app)
    if (!published) continue
    const departments = new Set<string>()
    for (const key of departmentsQueuedIn(published.definition))
      if (await inDepartment(key)) departments.add(key)
    for (const { form, state, queue } of queuedStates(published.definition, membership.roles, (d) =>
      departments.has(d),
    )) {
      const page = await deps.engine
        .list(
          membership.app,
          form,
          {
            filter: { state: { eq: state }, assignee: { empty: true } },
            sort: 'updated_at',
            limit: perQueue,
          },
          actor,
        )
        // a role that may not read the form has no queue to pick from
        .catch((e: unknown) => {
          if (isTesseraError(e) && e.code === 'FORBIDDEN') return null
          throw e
        })
      if (!page || page.total === 0) continue
      queues.push({
        app: membership.app,
        form,
        state,
        queue,
        total: page.total,
        totalIsEstimate: page.totalIsEstimate,
        items: page.items,
      })
    }
  }
  return queues
}
