import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import { Mutex } from './mutex.js'

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, [...query.parameters])
    const command = query.query.kind
    const changes =
      command === 'InsertQueryNode' ||
      command === 'UpdateQueryNode' ||
      command === 'DeleteQueryNode' ||
      command === 'MergeQueryNode'
    return {
      rows: result.rows,
      ...(changes && result.affectedRows !== undefined
        ? { numAffectedRows: BigInt(result.affectedRows) }
        : {}),
    }
  }

  // biome-ignore lint/correctness/useYield: PGlite has no cursors; streaming is not offered.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the embedded store')
  }
}

/**
 * A Kysely driver over one PGlite instance. PGlite is a single session, so a connection is handed
 * out to one holder at a time: every transaction and every query outside one waits its turn here.
 * Code inside a transaction must use the transaction object, or it would wait for itself.
 */
class PgliteDriver implements Driver {
  readonly #mutex = new Mutex()
  readonly #connection: PgliteConnection
  readonly #releases = new Map<DatabaseConnection, () => void>()

  constructor(
    private readonly pg: PGlite,
    private readonly onDestroy: () => Promise<void>,
  ) {
    this.#connection = new PgliteConnection(pg)
  }

  async init(): Promise<void> {
    await this.pg.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire()
    this.#releases.set(this.#connection, release)
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin'
    if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`
    if (settings.accessMode) statement += ` ${settings.accessMode}`
    await connection.executeQuery(CompiledQuery.raw(statement))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(connection)
    this.#releases.delete(connection)
    release?.()
  }

  async destroy(): Promise<void> {
    const release = await this.#mutex.acquire()
    try {
      await this.onDestroy()
    } finally {
      release()
    }
  }
}

/** A Kysely dialect for PGlite: PostgreSQL's compiler and adapter, our serializing driver. */
export function pgliteDialect(pg: PGlite, onDestroy: () => Promise<void>): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(pg, onDestroy),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}
