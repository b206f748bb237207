import type { Generated, Kysely } from 'kysely'
import { sql } from 'kysely'

/**
 * The two tables the server owns (the runtime's schema has no place for them): public form links
 * and record comments. Created idempotently at start, beside the runtime's migrations.
 */
export interface PublicLinkTable {
  token_hash: string
  /** the clear token, so an admin can copy the link again; it only opens one public form */
  token: string
  app: string
  form: string
  created_by: string | null
  created_at: Generated<Date>
  revoked_at: Date | null
}

export interface RecordCommentTable {
  id: Generated<string>
  record_id: string
  author: string | null
  body: string
  at: Generated<Date>
}

// A type alias, not an interface: Kysely's withTables wants an indexable record.
export type ServerTables = {
  public_link: PublicLinkTable
  record_comment: RecordCommentTable
}

// A constant distinct from the runtime's migration lock: two servers starting at once create once.
const SERVER_TABLES_LOCK = 7_361_204_520

/** Creates the server's tables when missing; safe when several processes start together. */
export async function ensureServerTables(db: Kysely<ServerTables>, kind: 'pglite' | 'pg'): Promise<void> {
  await db.connection().execute(async (conn) => {
    if (kind === 'pg') await sql`select pg_advisory_lock(${SERVER_TABLES_LOCK})`.execute(conn)
    try {
      await conn.schema
        .createTable('public_link')
        .ifNotExists()
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('form', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute()
      await conn.schema
        .createTable('record_comment')
        .ifNotExists()
        .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
        .addColumn('record_id', 'uuid', (c) => c.notNull().references('record.id').onDelete('cascade'))
        .addColumn('author', 'uuid')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute()
      await conn.schema
        .createIndex('record_comment_record')
        .ifNotExists()
        .on('record_comment')
        .columns(['record_id', 'at'])
        .execute()
    } finally {
      if (kind === 'pg') await sql`select pg_advisory_unlock(${SERVER_TABLES_LOCK})`.execute(conn)
    }
  })
}
