import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Notifications as delivered (issue 9): one row per recipient and channel of a `notify` outbox
 * message. `outbox_key` is the message's idempotency key, so a retried or replayed delivery finds its
 * rows and writes none twice. Keys lead with `app`, as a table distributed by app needs (docs/scale.md). In-app rows are what the bell lists (read or not); e-mail rows record
 * whom a message was already mailed to, so a retry after a partial failure mails only the rest.
 */
const up = [
  `create table notification (
    id uuid not null default gen_random_uuid(),
    outbox_key text not null,
    channel text not null,
    user_id uuid not null references app_user(id) on delete cascade,
    app text not null,
    form text,
    record_id uuid,
    payload jsonb not null,
    created_at timestamptz not null,
    read_at timestamptz,
    primary key (app, id),
    unique (app, outbox_key, channel, user_id)
  )`,
  `create index notification_inbox on notification (user_id, created_at desc, id desc) where channel = 'inapp'`,
  `create index notification_unread on notification (user_id) where channel = 'inapp' and read_at is null`,
]

export const notificationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const s of up) await sql.raw(s).execute(db)
  },
  async down(db: Kysely<unknown>) {
    await sql.raw('drop table if exists notification').execute(db)
  },
}
