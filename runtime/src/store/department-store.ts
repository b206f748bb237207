import { type Kysely, sql } from 'kysely'
import { TesseraError } from '../errors.js'
import { type Department, type OrgChart, orgChart } from '../org/org-chart.js'
import type { Database } from './database.js'
import { orgChanged } from './org-changes.js'
import { isForeignKeyViolation, isUniqueViolation, violatedConstraint } from './pg-errors.js'
import { isUuid } from './uuid.js'

export interface NewDepartment {
  key: string
  name: string
  parent?: string | null
  head?: string | null
}

/** `parent: null` moves to the root; `head: null` clears the head; an absent property is left as it is. */
export interface DepartmentPatch {
  name?: string
  parent?: string | null
  head?: string | null
}

const problem = (path: string, code: string, en: string, zh: string) => ({
  path,
  code,
  message: { en, 'zh-CN': zh },
})

const invalid = (path: string, code: string, en: string, zh: string) =>
  new TesseraError('INVALID', { en, 'zh-CN': zh }, { problems: [problem(path, code, en, zh)] })

const notFound = (key: string) =>
  new TesseraError(
    'NOT_FOUND',
    { en: `no department ${key}`, 'zh-CN': `没有部门 ${key}` },
    { department: key },
  )

/**
 * The platform's departments: a tree with heads and members. Every change that could make a cycle
 * runs under a table lock, so two concurrent moves (A under B, B under A) cannot both pass the check.
 */
export const createDepartmentStore = (db: Kysely<Database>) => {
  async function chartOf(q: Kysely<Database>): Promise<OrgChart> {
    const [rows, members] = await Promise.all([
      q.selectFrom('department').selectAll().orderBy('key').execute(),
      q
        .selectFrom('department_member')
        .select(['department', 'user_id'])
        .orderBy('created_at')
        .orderBy('user_id')
        .execute(),
    ])
    const byDept = new Map<string, string[]>()
    for (const m of members) byDept.set(m.department, [...(byDept.get(m.department) ?? []), m.user_id])
    return {
      departments: rows.map(
        (r): Department => ({
          key: r.key,
          name: r.name,
          parent: r.parent,
          head: r.head,
          members: byDept.get(r.key) ?? [],
        }),
      ),
    }
  }

  async function userExists(q: Kysely<Database>, id: string | null | undefined, path: string) {
    if (id === null || id === undefined) return
    const found =
      isUuid(id) && (await q.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst())
    if (!found) throw invalid(path, 'unknownUser', `no user ${id}`, `没有用户 ${id}`)
  }

  /** A change to the tree in its own transaction, announced once committed (store/org-changes.ts). */
  const changing = async <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
    const out = await db.transaction().execute(fn)
    orgChanged()
    return out
  }

  const one = async (q: Kysely<Database>, key: string) =>
    (await chartOf(q)).departments.find((d) => d.key === key)

  return {
    /** The whole tree with members. */
    chart: () => chartOf(db),

    get: (key: string) => one(db, key),

    /** Everyone in the trees of the departments a user belongs to or heads. */
    colleaguesOf: async (userId: string) => orgChart(await chartOf(db)).colleaguesOf(userId),

    /** Refuses a taken key (UNIQUE_VIOLATION), an unknown parent or head (INVALID naming the property). */
    async create(input: NewDepartment): Promise<Department> {
      return changing(async (trx) => {
        if (
          input.parent &&
          !(await trx
            .selectFrom('department')
            .select('key')
            .where('key', '=', input.parent)
            .executeTakeFirst())
        )
          throw invalid(
            '/parent',
            'unknownDepartment',
            `no department ${input.parent}`,
            `没有部门 ${input.parent}`,
          )
        await userExists(trx, input.head, '/head')
        try {
          await trx
            .insertInto('department')
            .values({
              key: input.key,
              name: input.name,
              parent: input.parent ?? null,
              head: input.head ?? null,
            })
            .execute()
        } catch (e) {
          if (isUniqueViolation(e))
            throw new TesseraError(
              'UNIQUE_VIOLATION',
              { en: `the department key ${input.key} is taken`, 'zh-CN': `部门标识 ${input.key} 已被使用` },
              { field: 'key', problems: [problem('/key', 'unique', 'key already taken', '标识已被使用')] },
            )
          throw e
        }
        return (await one(trx, input.key)) as Department
      })
    },

    /**
     * Renames, moves or changes the head. A move under the department itself or one of its
     * descendants is refused with DEPARTMENT_CONFLICT, naming the chain that would loop.
     */
    async update(key: string, patch: DepartmentPatch): Promise<Department> {
      return changing(async (trx) => {
        // one mover at a time: the cycle check below reads the whole chain
        if (patch.parent !== undefined)
          await sql`lock table department in share row exclusive mode`.execute(trx)
        const chart = orgChart(await chartOf(trx))
        if (!chart.has(key)) throw notFound(key)
        if (patch.parent) {
          if (!chart.has(patch.parent))
            throw invalid(
              '/parent',
              'unknownDepartment',
              `no department ${patch.parent}`,
              `没有部门 ${patch.parent}`,
            )
          const chain = chart.ancestry(patch.parent)
          if (chain.includes(key))
            throw new TesseraError(
              'DEPARTMENT_CONFLICT',
              {
                en: `moving ${key} under ${patch.parent} would make a cycle (${[...chain.slice(0, chain.indexOf(key) + 1).reverse(), key].join(' > ')})`,
                'zh-CN': `把 ${key} 移到 ${patch.parent} 之下会形成循环`,
              },
              { reason: 'cycle', department: key, parent: patch.parent, chain },
            )
        }
        await userExists(trx, patch.head, '/head')
        await trx
          .updateTable('department')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.parent !== undefined ? { parent: patch.parent } : {}),
            ...(patch.head !== undefined ? { head: patch.head } : {}),
            updated_at: new Date(),
          })
          .where('key', '=', key)
          .execute()
        return (await one(trx, key)) as Department
      })
    },

    /** Deletes an empty department; one with sub-departments or members is DEPARTMENT_CONFLICT. */
    async remove(key: string): Promise<void> {
      await changing(async (trx) => {
        const row = await trx
          .selectFrom('department')
          .select('key')
          .where('key', '=', key)
          .forUpdate()
          .executeTakeFirst()
        if (!row) throw notFound(key)
        const [children, members] = await Promise.all([
          trx.selectFrom('department').select('key').where('parent', '=', key).orderBy('key').execute(),
          trx.selectFrom('department_member').select('user_id').where('department', '=', key).execute(),
        ])
        if (children.length > 0 || members.length > 0)
          throw new TesseraError(
            'DEPARTMENT_CONFLICT',
            {
              en: `department ${key} is not empty: ${children.length} sub-departments, ${members.length} members; move or remove them first`,
              'zh-CN': `部门 ${key} 不为空：${children.length} 个子部门、${members.length} 名成员；请先移走`,
            },
            {
              reason: 'notEmpty',
              department: key,
              children: children.map((c) => c.key),
              members: members.length,
            },
          )
        await trx.deleteFrom('department').where('key', '=', key).execute()
      })
    },

    /** Adds a member (idempotent). */
    async addMember(key: string, userId: string): Promise<Department> {
      await userExists(db, userId, '/user')
      try {
        await db
          .insertInto('department_member')
          .values({ department: key, user_id: userId })
          .onConflict((oc) => oc.columns(['department', 'user_id']).doNothing())
          .execute()
        orgChanged()
      } catch (e) {
        // the department was deleted meanwhile (or never was)
        if (isForeignKeyViolation(e) && violatedConstraint(e) === 'department_member_department_fkey')
          throw notFound(key)
        throw e
      }
      const d = await one(db, key)
      if (!d) throw notFound(key)
      return d
    },

    /** Removes a member; false when they were not in it. */
    async removeMember(key: string, userId: string): Promise<boolean> {
      if (!isUuid(userId)) return false
      const r = await db
        .deleteFrom('department_member')
        .where('department', '=', key)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      orgChanged()
      return r.numDeletedRows > 0n
    },
  }
}

export type DepartmentStore = ReturnType<typeof createDepartmentStore>
