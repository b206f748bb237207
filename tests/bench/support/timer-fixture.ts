/** The app and the SQL cloning of due timers that timer-bench.ts and profile-timers.ts share. */
import type { AppDefinition } from '@tessera/schemas'

export const timerApp: AppDefinition = {
  key: 'btimer',
  name: 'Timer bench',
  roles: [{ key: 'staff' }],
  forms: [{ key: 'task', title: 'Task', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  workflows: [
    {
      key: 'task_flow',
      form: 'task',
      initial: 'open',
      states: [{ key: 'open' }, { key: 'expired', final: true }],
      transitions: [{ key: 'expire', from: ['open'], to: 'expired', roles: [] }],
      timers: [{ state: 'open', after: 'PT1H', fire: 'expire' }],
    },
  ],
}

/** `count` copies of the template record, each with its instance, created event and a timer due a minute ago. */
export const CLONE = `
with t as (select * from record where id = $1),
ti as (select * from workflow_instance where record_id = $1),
tt as (select * from timer where record_id = $1),
r as (
  insert into record (app, form, form_version, owner, created_at, updated_at, version, data, search)
  select t.app, t.form, t.form_version, t.owner, now(), now(), 1, jsonb_build_object('title', 'Task ' || g), 'task ' || g
  from t, generate_series(1, $2::int) g
  returning id, app, created_at, data
),
i as (
  insert into workflow_instance (record_id, app, workflow, workflow_version, state, snapshot, assignee, updated_at)
  select r.id, ti.app, ti.workflow, ti.workflow_version, ti.state, ti.snapshot, null, r.created_at from r, ti
),
e as (
  insert into event (app, record_id, seq, type, actor, at, to_state, diff)
  select r.app, r.id, 1, 'created', null, r.created_at, ti.state, jsonb_build_object('title', jsonb_build_array(null, r.data->'title'))
  from r, ti
)
insert into timer (app, record_id, state, transition, due_at, status, created_at)
select r.app, r.id, tt.state, tt.transition, now() - interval '1 minute', 'armed', r.created_at from r, tt`
