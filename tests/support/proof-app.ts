/**
 * The small app the proof tests publish: a task with a client-chosen unique `ref` (so every accepted
 * submit can be found exactly once), a serial number, round-robin assignment to agents, a webhook on
 * `start`, and a short timer that expires a task left in `working`.
 */
export function proofApp(options: { webhookUrl: string; timer: string }): Record<string, unknown> {
  return {
    key: 'proof',
    name: { en: 'Proof', 'zh-CN': '验证' },
    roles: [{ key: 'agent', label: 'Agent' }],
    forms: [
      {
        key: 'task',
        title: 'Task',
        fields: [
          { key: 'ref', type: 'text', label: 'Reference', required: true, unique: true, maxLength: 64 },
          { key: 'title', type: 'text', label: 'Title', maxLength: 200 },
          { key: 'edits', type: 'integer', label: 'Edits', min: 0 },
          { key: 'no', type: 'serial', label: 'Number', format: 'T-{000000}' },
        ],
      },
    ],
    workflows: [
      {
        key: 'task_flow',
        form: 'task',
        initial: 'open',
        states: [
          { key: 'open', label: 'Open', fields: { title: 'edit', edits: 'edit' } },
          {
            key: 'working',
            label: 'Working',
            assignee: { roundRobin: { role: 'agent' } },
            fields: { title: 'edit', edits: 'edit' },
          },
          { key: 'done', label: 'Done', final: true },
          { key: 'expired', label: 'Expired', final: true },
        ],
        transitions: [
          {
            key: 'start',
            label: 'Start',
            from: ['open'],
            to: 'working',
            roles: ['agent'],
            actions: [{ type: 'webhook', url: options.webhookUrl }],
          },
          { key: 'finish', label: 'Finish', from: ['working'], to: 'done', roles: ['agent'] },
          { key: 'expire', label: 'Expire', from: ['working'], to: 'expired', roles: [] },
        ],
        timers: [{ state: 'working', after: options.timer, fire: 'expire' }],
      },
    ],
  }
}
