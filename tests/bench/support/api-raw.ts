/**
 * The baseline of api-bench and profile-api: fastify and pg on a fresh database, writing by hand the
 * rows the product writes (the record, its workflow instance, its event) with no authentication,
 * validation, permissions or automations.
 */
import Fastify from 'fastify'
import pg from 'pg'

/** The baseline: fastify and pg with the same rows written by hand, no validation, no permissions. */
export async function startRawServer(url: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // an idle client cut by the final drop database must not crash the run
  pool.on('error', () => {})
  await pool.query(`create table raw_record (id uuid primary key default gen_random_uuid(), app text, form text, data jsonb,
    version int not null default 1, created_at timestamptz not null default now(), updated_at timestamptz not null default now())`)
  await pool.query('create index raw_record_list on raw_record (app, form, created_at, id)')
  await pool.query(
    'create table raw_instance (record_id uuid primary key, state text, updated_at timestamptz default now())',
  )
  await pool.query(`create table raw_event (id uuid primary key default gen_random_uuid(), record_id uuid, seq int, type text,
    from_state text, to_state text, diff jsonb, at timestamptz default now())`)
  const app = Fastify()
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>) => {
    const c = await pool.connect()
    try {
      await c.query('begin')
      const r = await fn(c)
      await c.query('commit')
      return r
    } catch (e) {
      await c.query('rollback')
      throw e
    } finally {
      c.release()
    }
  }
  app.post<{ Body: { data: Record<string, unknown> } }>('/raw/records', async (req, reply) => {
    const row = await tx(async (c) => {
      const r = await c.query('insert into raw_record (app, form, data) values ($1, $2, $3) returning *', [
        'desk',
        'ticket',
        JSON.stringify(req.body.data),
      ])
      const id = r.rows[0].id
      await c.query('insert into raw_instance (record_id, state) values ($1, $2)', [id, 'new'])
      await c.query(
        'insert into raw_event (record_id, seq, type, to_state, diff) values ($1, 1, $2, $3, $4)',
        [id, 'created', 'new', JSON.stringify(req.body.data)],
      )
      return r.rows[0]
    })
    return reply.code(201).send(row)
  })
  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/raw/records/:id/transitions/send',
    async (req, reply) => {
      const row = await tx(async (c) => {
        const r = await c.query('select version from raw_record where id = $1 for update', [req.params.id])
        if (r.rows[0]?.version !== req.body.version) return null
        const u = await c.query(
          'update raw_record set version = version + 1, updated_at = now() where id = $1 returning *',
          [req.params.id],
        )
        await c.query("update raw_instance set state = 'review', updated_at = now() where record_id = $1", [
          req.params.id,
        ])
        await c.query(
          "insert into raw_event (record_id, seq, type, from_state, to_state, diff) values ($1, 2, 'transition', 'new', 'review', '{}')",
          [req.params.id],
        )
        return u.rows[0]
      })
      return row ? row : reply.code(409).send({ code: 'VERSION_CONFLICT' })
    },
  )
  app.get('/raw/records', async () => {
    const [items, total] = await Promise.all([
      pool.query(
        "select * from raw_record where app = 'desk' and form = 'ticket' order by created_at desc, id desc limit 50",
      ),
      pool.query("select count(*)::int as n from raw_record where app = 'desk' and form = 'ticket'"),
    ])
    return { items: items.rows, total: total.rows[0].n, nextCursor: null }
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    address,
    waiting: async () =>
      (await pool.query<{ id: string }>('select id from raw_record where version = 1')).rows.map((r) => r.id),
    close: async () => {
      await app.close()
      await pool.end()
    },
  }
}
