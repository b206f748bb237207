import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Departments (issue 9): a tree on the platform, shared by every app, each with an optional head.
 * `parent` is deferred so a restore may insert a child before its parent within its one transaction;
 * cycles are refused by the store (a foreign key cannot see them). A department with members or
 * sub-departments cannot be deleted (RESTRICT), so nobody silently loses their place in the tree.
 */
const up = [
  `create table department (
    key text primary key,
    name text not null,
    parent text references department(key) on delete restrict deferrable initially deferred,
    head uuid references app_user(id),
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp()
  )`,
  `create index department_parent on department (parent)`,
  `create table department_member (
    department text not null references department(key) on delete restrict,
    user_id uuid not null references app_user(id),
    created_at timestamptz not null default clock_timestamp(),
    primary key (department, user_id)
  )`,
  `create index department_member_user on department_member (user_id)`,
]

const down = [`drop table if exists department_member`, `drop table if exists department`]

export const departmentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const s of down) await sql.raw(s).execute(db)
  },
}
