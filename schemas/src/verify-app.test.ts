import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { AppDefinition, FieldDefinition } from './app-definition.js'
import { bad, exampleApp, leadFlow, leadForm } from './test-support/example-app.js'
import { parseApp, verifyApp } from './verify-app.js'
import { DefinitionError } from './definition-error.js'
import { SEMANTIC_CODES, SHAPE_CODES } from './problem-codes.js'

type Case = [name: string, mutate: (app: AppDefinition) => unknown, expected: [code: string, path: string][]]

const addField = (app: AppDefinition, ...fields: FieldDefinition[]) => {
  leadForm(app).fields.push(...fields)
}
const contactForm = (app: AppDefinition) =>
  app.forms.push({
    key: 'contact',
    title: 'Contact',
    fields: [
      { key: 'email', type: 'email', required: true },
      { key: 'name', type: 'text' },
      { key: 'lead', type: 'relation', target: 'lead' },
    ],
  })
const addCreate = (app: AppDefinition, map: Record<string, unknown>, extra: object = {}) => {
  contactForm(app)
  leadFlow(app).transitions[0]!.actions!.push(bad({ type: 'create', form: 'contact', map, ...extra }))
}

const cases: Case[] = [
  // --- shape (meta-schema) ---
  [
    'an unknown field type',
    (a) => {
      leadForm(a).fields[0]!.type = bad('strng')
    },
    [['enum', '/forms/0/fields/0/type']],
  ],
  [
    'a misspelt property',
    (a) => {
      Object.assign(leadForm(a).fields[0]!, { requred: true })
    },
    [['additionalProperties', '/forms/0/fields/0/requred']],
  ],
  [
    'options on a number field',
    (a) => {
      leadForm(a).fields[3]!.options = [{ value: 'x' }]
    },
    [['additionalProperties', '/forms/0/fields/3/options']],
  ],
  [
    'a relation without target',
    (a) => addField(a, bad({ key: 'company', type: 'relation' })),
    [['required', '/forms/0/fields/6/target']],
  ],
  [
    'a formula without expression',
    (a) => addField(a, bad({ key: 'total', type: 'formula' })),
    [['required', '/forms/0/fields/6/expression']],
  ],
  [
    'required on a formula',
    (a) => addField(a, bad({ key: 'total', type: 'formula', expression: 1, required: true })),
    [['additionalProperties', '/forms/0/fields/6/required']],
  ],
  [
    'an unknown JSON Logic operator',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = bad({ equals: [{ var: 'source' }, 'event'] })
    },
    [['unknown_operator', '/forms/0/fields/2/visibleWhen/equals']],
  ],
  [
    'a logic object with two operators',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = bad({ '==': [1, 1], '!=': [1, 2] })
    },
    [['invalid_logic', '/forms/0/fields/2/visibleWhen']],
  ],
  [
    'an unknown operator deep in a guard',
    (a) => {
      leadFlow(a).transitions[0]!.guard = bad({ and: [true, { nope: [] }] })
    },
    [['unknown_operator', '/workflows/0/transitions/0/guard/and/1/nope']],
  ],
  [
    'a label with a bad locale',
    (a) => {
      leadForm(a).title = { english: 'Lead' }
    },
    [['propertyNames', '/forms/0/title/english']],
  ],
  [
    'a label that is a number',
    (a) => {
      leadForm(a).title = bad(5)
    },
    [['type', '/forms/0/title']],
  ],
  [
    'an app without a name',
    (a) => {
      delete (a as Partial<AppDefinition>).name
    },
    [['required', '/name']],
  ],
  ['a document that is not an object', () => [1, 2], [['type', '/']]],
  [
    'an unknown state field access',
    (a) => {
      leadFlow(a).states[0]!.fields = bad({ email: 'write' })
    },
    [['enum', '/workflows/0/states/0/fields/email']],
  ],
  [
    'an assignee rule with two kinds',
    (a) => {
      leadFlow(a).states[1]!.assignee = bad({ role: 'sales', user: 'u1' })
    },
    [['maxProperties', '/workflows/0/states/1/assignee']],
  ],
  [
    'a transition button style that does not exist',
    (a) => {
      leadFlow(a).transitions[0]!.style = bad('red')
    },
    [['enum', '/workflows/0/transitions/0/style']],
  ],
  [
    'an unknown action type',
    (a) => {
      leadFlow(a).transitions[0]!.actions![0] = bad({ type: 'sett', field: 'x', value: 1 })
    },
    [['enum', '/workflows/0/transitions/0/actions/0/type']],
  ],
  [
    'a webhook to a non-http URL',
    (a) => {
      leadFlow(a).transitions[0]!.actions!.push({ type: 'webhook', url: 'ftp://x.example' })
    },
    [['pattern', '/workflows/0/transitions/0/actions/1/url']],
  ],
  [
    'a transition from the same state twice',
    (a) => {
      leadFlow(a).transitions[1]!.from = ['new', 'new']
    },
    [['uniqueItems', '/workflows/0/transitions/1/from/1']],
  ],
  [
    'a currency that is not ISO 4217',
    (a) => addField(a, { key: 'budget', type: 'money', currency: 'rmb' }),
    [['pattern', '/forms/0/fields/6/currency']],
  ],
  [
    'a bad type deep in a subform column',
    (a) => addField(a, bad({ key: 'lines', type: 'subform', fields: [{ key: 'qty', type: 'numbr' }] })),
    [['enum', '/forms/0/fields/6/fields/0/type']],
  ],

  // --- keys ---
  [
    'a duplicate field key',
    (a) => addField(a, { key: 'disqualify_reason', type: 'text' }),
    [['duplicate_key', '/forms/0/fields/6/key']],
  ],
  [
    'a duplicate state key',
    (a) => {
      leadFlow(a).states.push({ key: 'disqualified', final: true })
    },
    [['duplicate_key', '/workflows/0/states/3/key']],
  ],
  [
    'a duplicate transition key',
    (a) => {
      leadFlow(a).transitions.push({ ...leadFlow(a).transitions[1]! })
    },
    [['duplicate_key', '/workflows/0/transitions/3/key']],
  ],
  [
    'a duplicate role key',
    (a) => {
      a.roles.push({ key: 'sales' })
    },
    [['duplicate_key', '/roles/2/key']],
  ],
  [
    'a duplicate form key',
    (a) => {
      a.forms.push({ key: 'lead', title: 'Again', fields: [{ key: 'a', type: 'text' }] })
    },
    [['duplicate_key', '/forms/1/key']],
  ],
  [
    'a duplicate option value',
    (a) => {
      leadForm(a).fields[1]!.options!.push({ value: 'web' })
    },
    [['duplicate_option', '/forms/0/fields/1/options/2/value']],
  ],
  [
    'a duplicate view key',
    (a) => {
      a.views = [
        { key: 'all', form: 'lead' },
        { key: 'all', form: 'lead' },
      ]
    },
    [['duplicate_key', '/views/1/key']],
  ],
  [
    'a duplicate dashboard key',
    (a) => {
      a.dashboards = [
        { key: 'd', widgets: [] },
        { key: 'd', widgets: [] },
      ]
    },
    [['duplicate_key', '/dashboards/1/key']],
  ],
  [
    'a field key with capitals',
    (a) => addField(a, { key: 'FirstName', type: 'text' }),
    [['invalid_key', '/forms/0/fields/6/key']],
  ],
  [
    'a reserved field key',
    (a) => addField(a, { key: 'state', type: 'text' }),
    [['reserved_key', '/forms/0/fields/6/key']],
  ],
  [
    'a form key with a dash',
    (a) => {
      a.forms.push({ key: 'my-form', title: 'X', fields: [{ key: 'a', type: 'text' }] })
    },
    [['invalid_key', '/forms/1/key']],
  ],

  // --- references to fields ---
  [
    'a condition naming an unknown field',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = { '==': [{ var: 'sourc' }, 'event'] }
    },
    [['unknown_field', '/forms/0/fields/2/visibleWhen/==/0/var']],
  ],
  [
    'a layout naming an unknown field',
    (a) => {
      leadForm(a).layout![0]!.fields.push('phone')
    },
    [['unknown_field', '/forms/0/layout/0/fields/4']],
  ],
  [
    'a field placed twice in the layout',
    (a) => {
      leadForm(a).layout!.push({ section: 'More', fields: ['email'] })
    },
    [['layout_field_repeated', '/forms/0/layout/1/fields/0']],
  ],
  [
    'requires naming an unknown field',
    (a) => {
      leadFlow(a).transitions[0]!.requires!.push('budget')
    },
    [['unknown_field', '/workflows/0/transitions/0/requires/1']],
  ],
  [
    'a state permission on an unknown field',
    (a) => {
      leadFlow(a).states[0]!.fields = { emial: 'edit' }
    },
    [['unknown_field', '/workflows/0/states/0/fields/emial']],
  ],
  [
    'a state permission for an unknown role',
    (a) => {
      leadFlow(a).states[0]!.fields = { email: { managers: 'edit', '*': 'read' } }
    },
    [['unknown_role', '/workflows/0/states/0/fields/email/managers']],
  ],
  [
    'a set action on an unknown field',
    (a) => {
      leadFlow(a).transitions[0]!.actions![0] = { type: 'set', field: 'qualified_on', value: { now: [] } }
    },
    [['unknown_field', '/workflows/0/transitions/0/actions/0/field']],
  ],
  [
    'a set action on a formula field',
    (a) => {
      addField(a, { key: 'grade', type: 'formula', expression: { var: 'score' } })
      leadFlow(a).transitions[0]!.actions![0] = { type: 'set', field: 'grade', value: 1 }
    },
    [['computed_field', '/workflows/0/transitions/0/actions/0/field']],
  ],
  [
    'a set action with a literal of the wrong type',
    (a) => {
      leadFlow(a).transitions[0]!.actions![0] = { type: 'set', field: 'score', value: 'high' }
    },
    [['value_type_mismatch', '/workflows/0/transitions/0/actions/0/value']],
  ],
  [
    'a view column naming an unknown field',
    (a) => {
      a.views = [{ key: 'all', form: 'lead', columns: ['email', 'state', 'phone'] }]
    },
    [['unknown_field', '/views/0/columns/2']],
  ],
  [
    'a view sorted by an unknown field',
    (a) => {
      a.views = [{ key: 'all', form: 'lead', sort: '-created_at,scor' }]
    },
    [['unknown_field', '/views/0/sort']],
  ],
  [
    'a kanban view without groupBy',
    (a) => {
      a.views = [{ key: 'board', form: 'lead', type: 'kanban' }]
    },
    [['kanban_group_by_missing', '/views/0/groupBy']],
  ],
  [
    'a widget measuring an unknown field',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [{ key: 'w', type: 'number', form: 'lead', measure: { op: 'avg', field: 'scores' } }],
        },
      ]
    },
    [['unknown_field', '/dashboards/0/widgets/0/measure/field']],
  ],
  [
    'a widget summing a text field',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [{ key: 'w', type: 'number', form: 'lead', measure: { op: 'sum', field: 'email' } }],
        },
      ]
    },
    [['measure_field_not_numeric', '/dashboards/0/widgets/0/measure/field']],
  ],
  [
    'a funnel widget without stages',
    (a) => {
      a.dashboards = [
        { key: 'd', widgets: [bad({ key: 'w', type: 'funnel', form: 'lead', report: 'funnel' })] },
      ]
    },
    [['report_spec_mismatch', '/dashboards/0/widgets/0/stages']],
  ],
  [
    'funnel stages on a widget without a report',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'funnel',
              form: 'lead',
              stages: [{ key: 'lead' }, { key: 'mql', states: ['qualified'] }],
            }),
          ],
        },
      ]
    },
    [['report_spec_mismatch', '/dashboards/0/widgets/0/stages']],
  ],
  [
    'a funnel stage naming an unknown state',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'funnel',
              form: 'lead',
              report: 'funnel',
              stages: [{ key: 'lead' }, { key: 'mql', states: ['qualifed'] }],
            }),
          ],
        },
      ]
    },
    [['unknown_state', '/dashboards/0/widgets/0/stages/1/states/0']],
  ],
  [
    'a funnel stage after the first with no states',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'funnel',
              form: 'lead',
              report: 'funnel',
              stages: [{ key: 'lead' }, { key: 'mql' }],
            }),
          ],
        },
      ]
    },
    [['funnel_stage_empty', '/dashboards/0/widgets/0/stages/1']],
  ],
  [
    'a funnel stage linked through a field that is not a relation',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'funnel',
              form: 'lead',
              report: 'funnel',
              stages: [{ key: 'lead' }, { key: 'won', linked: { field: 'email', states: ['won'] } }],
            }),
          ],
        },
      ]
    },
    [['linked_field_not_relation', '/dashboards/0/widgets/0/stages/1/linked/field']],
  ],
  [
    'an sla widget naming a timer its state lacks',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'number',
              form: 'lead',
              report: 'sla',
              sla: { state: 'new', timer: 'escalate', goal: 'qualified' },
            }),
          ],
        },
      ]
    },
    [['unknown_timer', '/dashboards/0/widgets/0/sla/timer']],
  ],
  [
    'a time series over a text field',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'line',
              form: 'lead',
              report: 'time_series',
              time: { field: 'email', bucket: 'week' },
            }),
          ],
        },
      ]
    },
    [['time_field_not_date', '/dashboards/0/widgets/0/time/field']],
  ],
  [
    'a member attribute on a grouping that is not a user field',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({ key: 'w', type: 'bar', form: 'lead', groupBy: 'source', memberAttribute: 'region' }),
          ],
        },
      ]
    },
    [['member_attribute_without_user', '/dashboards/0/widgets/0/memberAttribute']],
  ],
  [
    "a widget's dateField that is not a date, and a filterBy naming no field or a memberAttribute off a non-user field",
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({ key: 'w', type: 'number', form: 'lead', dateField: 'email' }),
            bad({ key: 'x', type: 'number', form: 'lead', filterBy: { region: { field: 'regoin' } } }),
            bad({
              key: 'y',
              type: 'number',
              form: 'lead',
              filterBy: { region: { field: 'source', memberAttribute: 'region' } },
            }),
          ],
        },
      ]
    },
    [
      ['time_field_not_date', '/dashboards/0/widgets/0/dateField'],
      ['unknown_field', '/dashboards/0/widgets/1/filterBy/region/field'],
      ['member_attribute_without_user', '/dashboards/0/widgets/2/filterBy/region/memberAttribute'],
    ],
  ],
  [
    'a transitions widget naming an unknown transition',
    (a) => {
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({ key: 'w', type: 'pie', form: 'lead', report: 'transitions', transition: 'qualfy' }),
          ],
        },
      ]
    },
    [['unknown_transition', '/dashboards/0/widgets/0/transition']],
  ],
  [
    'a funnel over a form without a workflow',
    (a) => {
      contactForm(a)
      a.dashboards = [
        {
          key: 'd',
          widgets: [
            bad({
              key: 'w',
              type: 'funnel',
              form: 'contact',
              report: 'funnel',
              stages: [{ key: 'lead' }, { key: 'mql', states: ['qualified'] }],
            }),
          ],
        },
      ]
    },
    [['report_needs_workflow', '/dashboards/0/widgets/0/report']],
  ],
  [
    'a view on an unknown form',
    (a) => {
      a.views = [{ key: 'all', form: 'leads' }]
    },
    [['unknown_form', '/views/0/form']],
  ],
  [
    'a duplicate rule on an unknown field',
    (a) => {
      a.duplicates = [{ form: 'lead', field: 'mail', action: 'flag' }]
    },
    [['unknown_field', '/duplicates/0/field']],
  ],

  // --- condition types ---
  [
    'a number field compared with a word',
    (a) => {
      leadFlow(a).transitions[0]!.guard = { '>=': [{ var: 'score' }, 'sixty'] }
    },
    [['condition_type_mismatch', '/workflows/0/transitions/0/guard/>=/1']],
  ],
  [
    'a select compared with a value it lacks',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = { '==': [{ var: 'source' }, 'events'] }
    },
    [['unknown_option', '/forms/0/fields/2/visibleWhen/==/1']],
  ],
  [
    'a select tested with in against a value it lacks',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = { in: [{ var: 'source' }, ['web', 'fair']] }
    },
    [['unknown_option', '/forms/0/fields/2/visibleWhen/in/1/1']],
  ],
  [
    'a boolean field compared with a string',
    (a) => {
      addField(a, { key: 'vip', type: 'boolean' })
      leadForm(a).fields[2]!.visibleWhen = { '==': [{ var: 'vip' }, 'yes'] }
    },
    [['condition_type_mismatch', '/forms/0/fields/2/visibleWhen/==/1']],
  ],
  [
    'a date compared with a non-date',
    (a) => {
      addField(a, { key: 'met_on', type: 'date' })
      leadFlow(a).transitions[0]!.guard = { '<': [{ var: 'met_on' }, '2026-13-01'] }
    },
    [['condition_type_mismatch', '/workflows/0/transitions/0/guard/</1']],
  ],
  [
    'a guard comparing state with a state that does not exist',
    (a) => {
      leadFlow(a).transitions[1]!.guard = { '!=': [{ var: 'state' }, 'qualifed'] }
    },
    [['unknown_state', '/workflows/0/transitions/1/guard/!=/1']],
  ],
  [
    'a field shown in a state that does not exist',
    (a) => {
      leadForm(a).fields[5]!.visibleWhen = { in: [{ var: 'state' }, ['qualified', 'lost']] }
    },
    [['unknown_state', '/forms/0/fields/5/visibleWhen/in/1/1']],
  ],
  [
    'a view filtering on a state that does not exist',
    (a) => {
      a.views = [{ key: 'open', form: 'lead', filter: { state: { in: ['new', 'won'] } } }]
    },
    [['unknown_state', '/views/0/filter/state/in/1']],
  ],
  [
    'add_duration with a bad duration',
    (a) => {
      leadFlow(a).transitions[0]!.actions![0] = {
        type: 'set',
        field: 'qualified_at',
        value: { add_duration: [{ now: [] }, '1 day'] },
      }
    },
    [['invalid_duration', '/workflows/0/transitions/0/actions/0/value/add_duration/1']],
  ],

  // --- workflow structure ---
  [
    'a transition from an unknown state',
    (a) => {
      leadFlow(a).transitions[1]!.from.push('nowhere')
    },
    [['unknown_state', '/workflows/0/transitions/1/from/2']],
  ],
  [
    'a transition to an unknown state (its target then unreachable)',
    (a) => {
      leadFlow(a).transitions[0]!.to = 'qualifed'
    },
    [
      ['unknown_state', '/workflows/0/transitions/0/to'],
      ['state_unreachable', '/workflows/0/states/1'],
    ],
  ],
  [
    'an unknown initial state',
    (a) => {
      leadFlow(a).initial = 'start'
    },
    [['unknown_state', '/workflows/0/initial']],
  ],
  [
    'a timer on an unknown state',
    (a) => {
      leadFlow(a).timers![0]!.state = 'qualify'
    },
    [['unknown_state', '/workflows/0/timers/0/state']],
  ],
  [
    'a timer firing an unknown transition (the system transition then never fires)',
    (a) => {
      leadFlow(a).timers![0]!.fire = 'escalation'
    },
    [
      ['unknown_transition', '/workflows/0/timers/0/fire'],
      ['transition_never_fired', '/workflows/0/transitions/2/roles'],
    ],
  ],
  [
    'a timer firing a transition not open from its state',
    (a) => {
      leadFlow(a).timers![0]!.state = 'new'
    },
    [['timer_transition_not_open', '/workflows/0/timers/0/fire']],
  ],
  [
    'a timer with a bad duration',
    (a) => {
      leadFlow(a).timers![0]!.after = '24h'
    },
    [['invalid_duration', '/workflows/0/timers/0/after']],
  ],
  [
    'a timer with a zero duration',
    (a) => {
      leadFlow(a).timers![0]!.after = 'PT0S'
    },
    [['invalid_duration', '/workflows/0/timers/0/after']],
  ],
  [
    'a timer on a final state',
    (a) => {
      leadFlow(a).timers!.push({ state: 'disqualified', after: 'P1D', fire: 'escalate' })
    },
    [['timer_on_final_state', '/workflows/0/timers/1/state']],
  ],
  [
    'a workflow on an unknown form',
    (a) => {
      leadFlow(a).form = 'leads'
    },
    [['unknown_form', '/workflows/0/form']],
  ],
  [
    'two workflows on one form',
    (a) => {
      a.workflows!.push({ ...leadFlow(a), key: 'lead_flow_2' })
    },
    [['workflow_form_taken', '/workflows/1/form']],
  ],
  [
    'a transition for an undeclared role',
    (a) => {
      leadFlow(a).transitions[0]!.roles = ['ops']
    },
    [['unknown_role', '/workflows/0/transitions/0/roles/0']],
  ],
  [
    'a round robin over an undeclared role',
    (a) => {
      leadFlow(a).states[1]!.assignee = { roundRobin: { role: 'reps' } }
    },
    [['unknown_role', '/workflows/0/states/1/assignee/roundRobin/role']],
  ],
  [
    'a notification to an undeclared role',
    (a) => {
      leadFlow(a).transitions[2]!.actions![0] = { type: 'notify', to: { role: 'managers' }, message: 'x' }
    },
    [['unknown_role', '/workflows/0/transitions/2/actions/0/to/role']],
  ],
  [
    'form permissions for an undeclared role',
    (a) => {
      leadForm(a).permissions = { '*': { read: 'own' }, managers: { read: 'all' } }
    },
    [['unknown_role', '/forms/0/permissions/managers']],
  ],
  [
    'an assignee field that is not a user field',
    (a) => {
      leadFlow(a).states[1]!.assignee = { field: 'email' }
    },
    [['assignee_field_not_user', '/workflows/0/states/1/assignee/field']],
  ],
  [
    'a state keeping its assignee in a field that is not a user field',
    (a) => {
      leadFlow(a).states[1]!.assigneeField = 'email'
    },
    [['assignee_field_not_user', '/workflows/0/states/1/assigneeField']],
  ],
  [
    'a state keeping its assignee in a field that does not exist',
    (a) => {
      leadFlow(a).states[1]!.assigneeField = 'rep'
    },
    [['unknown_field', '/workflows/0/states/1/assigneeField']],
  ],
  [
    'an assigneeField on a state without an assignee rule',
    (a) => {
      leadFlow(a).states[0]!.assigneeField = 'email'
    },
    [
      ['assignee_field_without_rule', '/workflows/0/states/0/assigneeField'],
      ['assignee_field_not_user', '/workflows/0/states/0/assigneeField'],
    ],
  ],
  [
    "the initial state assigned to the assignee's manager",
    (a) => {
      leadFlow(a).states[0]!.assignee = { manager: 'assignee' }
    },
    [['assignee_before_initial', '/workflows/0/states/0/assignee/manager']],
  ],
  [
    "the initial state assigned to the assignee's department head",
    (a) => {
      leadFlow(a).states[0]!.assignee = { departmentHead: 'assignee' }
    },
    [['assignee_before_initial', '/workflows/0/states/0/assignee/departmentHead']],
  ],
  [
    'a department head rule naming someone other than the submitter or the assignee',
    (a) => {
      leadFlow(a).states[1]!.assignee = bad({ departmentHead: 'owner' })
    },
    [['enum', '/workflows/0/states/1/assignee/departmentHead']],
  ],
  [
    'a department key that is not a key',
    (a) => {
      leadFlow(a).states[1]!.assignee = { roundRobin: { role: 'sales', department: 'Sales East' } }
    },
    [['pattern', '/workflows/0/states/1/assignee/roundRobin/department']],
  ],
  [
    'a department rule together with a role',
    (a) => {
      leadFlow(a).states[1]!.assignee = bad({ department: 'sales', role: 'sales' })
    },
    [['maxProperties', '/workflows/0/states/1/assignee']],
  ],
  [
    'a state unreachable from initial',
    (a) => {
      leadFlow(a).states.push({ key: 'limbo' })
      leadFlow(a).transitions.push({ key: 'leave', from: ['limbo'], to: 'disqualified', roles: ['sales'] })
    },
    [['state_unreachable', '/workflows/0/states/3']],
  ],
  [
    'a non-final state with no way out',
    (a) => {
      leadFlow(a).states.push({ key: 'stuck' })
      leadFlow(a).transitions.push({ key: 'park', from: ['new'], to: 'stuck', roles: ['sales'] })
    },
    [['state_dead_end', '/workflows/0/states/3']],
  ],
  [
    'states looping without a final state',
    (a) => {
      leadFlow(a).states.push({ key: 'a' }, { key: 'b' })
      leadFlow(a).transitions.push(
        { key: 'to_a', from: ['new', 'b'], to: 'a', roles: ['sales'] },
        { key: 'to_b', from: ['a'], to: 'b', roles: ['sales'] },
      )
    },
    [
      ['state_trapped', '/workflows/0/states/3'],
      ['state_trapped', '/workflows/0/states/4'],
    ],
  ],
  [
    'no final state at all',
    (a) => {
      leadFlow(a).states[2]!.final = false
      leadFlow(a).transitions.push({ key: 'reopen', from: ['disqualified'], to: 'new', roles: ['sales'] })
    },
    [['no_final_state', '/workflows/0/states']],
  ],
  [
    'no final state reachable from initial',
    (a) => {
      leadFlow(a).transitions[1]!.from = ['qualified']
      leadFlow(a).transitions[0]!.to = 'new'
      leadFlow(a).transitions[0]!.from = ['new']
    },
    [
      ['no_final_state_reachable', '/workflows/0/initial'],
      ['state_unreachable', '/workflows/0/states/1'],
      ['state_unreachable', '/workflows/0/states/2'],
      ['state_dead_end', '/workflows/0/states/0'],
    ],
  ],
  [
    'a transition out of a final state',
    (a) => {
      leadFlow(a).transitions.push({ key: 'reopen', from: ['disqualified'], to: 'new', roles: ['sales'] })
    },
    [['transition_from_final', '/workflows/0/transitions/3/from/0']],
  ],
  [
    'a system transition nothing fires',
    (a) => {
      leadFlow(a).transitions.push({ key: 'auto', from: ['new'], to: 'disqualified', roles: [] })
    },
    [['transition_never_fired', '/workflows/0/transitions/3/roles']],
  ],
  [
    'requires naming a formula field',
    (a) => {
      addField(a, { key: 'grade', type: 'formula', expression: 1 })
      leadFlow(a).transitions[0]!.requires = ['grade']
    },
    [['computed_field', '/workflows/0/transitions/0/requires/0']],
  ],
  [
    'an approval share above 1',
    (a) => {
      leadFlow(a).states[1]!.approval = { mode: 'share', share: 1.5, approve: 'disqualify' }
    },
    [['approval_share_invalid', '/workflows/0/states/1/approval/share']],
  ],
  [
    'an approval share of 0',
    (a) => {
      leadFlow(a).states[1]!.approval = { mode: 'share', share: 0, approve: 'disqualify' }
    },
    [['approval_share_invalid', '/workflows/0/states/1/approval/share']],
  ],
  [
    'an approval approving with a transition not open there',
    (a) => {
      leadFlow(a).states[1]!.approval = { mode: 'any', approve: 'qualify' }
    },
    [['transition_not_open', '/workflows/0/states/1/approval/approve']],
  ],

  [
    'fields shown only when each other is filled',
    (a) => {
      leadForm(a).fields[2]!.visibleWhen = { '!!': [{ var: 'score' }] }
      leadForm(a).fields[3]!.visibleWhen = { '!!': [{ var: 'event_name' }] }
    },
    [['visibility_cycle', '/forms/0/fields/2/visibleWhen']],
  ],
  [
    'a field shown only when it has a value',
    (a) => {
      leadForm(a).fields[5]!.visibleWhen = { '!': { empty: [{ var: 'disqualify_reason' }] } }
    },
    [['visibility_cycle', '/forms/0/fields/5/visibleWhen']],
  ],
  [
    'a relation titled by a subform',
    (a) => {
      addField(
        a,
        { key: 'lines', type: 'subform', fields: [{ key: 'n', type: 'text' }] },
        { key: 'parent', type: 'relation', target: 'lead', display: 'lines' },
      )
    },
    [['relation_display_invalid', '/forms/0/fields/7/display']],
  ],
  [
    'a sum over a subform column that does not exist',
    (a) =>
      addField(
        a,
        { key: 'lines', type: 'subform', fields: [{ key: 'price', type: 'money' }] },
        { key: 'total', type: 'formula', expression: { sum: [{ var: 'lines' }, 'prices'] } },
      ),
    [['unknown_field', '/forms/0/fields/7/expression/sum/1']],
  ],
  [
    'a required field read-only in the initial state',
    (a) => {
      leadFlow(a).states[0]!.fields = { email: 'read' }
    },
    [['required_not_editable', '/workflows/0/states/0/fields/email']],
  ],
  [
    'a required field hidden from everyone in the initial state',
    (a) => {
      leadFlow(a).states[0]!.fields = { email: { operations: 'read', '*': 'hidden' } }
    },
    [['required_not_editable', '/workflows/0/states/0/fields/email']],
  ],
  [
    'a transition requiring a read-only field nothing sets',
    (a) => {
      addField(a, { key: 'checked_at', type: 'datetime', readOnly: true })
      leadFlow(a).transitions[0]!.requires = ['checked_at']
    },
    [['requires_read_only', '/workflows/0/transitions/0/requires/0']],
  ],
  [
    '(valid) a transition requiring a read-only field an earlier action set',
    (a) => {
      leadFlow(a).transitions[1]!.requires = ['qualified_at']
    },
    [],
  ],
  [
    'an approval state without assignee',
    (a) => {
      leadFlow(a).states[0]!.approval = { mode: 'all', approve: 'qualify' }
    },
    [['approval_without_assignee', '/workflows/0/states/0/approval']],
  ],

  [
    'an assignee-only transition in a workflow that never assigns',
    (a) => {
      leadFlow(a).transitions[0]!.assigneeOnly = true
      delete leadFlow(a).states[1]!.assignee
    },
    [['assignee_only_unassigned', '/workflows/0/transitions/0/assigneeOnly']],
  ],
  [
    '(valid) an assignee-only transition from a state with an assignee rule',
    (a) => {
      leadFlow(a).transitions[1]!.assigneeOnly = true
      leadFlow(a).transitions[1]!.from = ['qualified']
    },
    [],
  ],
  [
    'an approval with nowhere to go once approved',
    (a) => {
      leadFlow(a).states[1]!.approval = { mode: 'any' }
    },
    [['approval_transition_missing', '/workflows/0/states/1/approval']],
  ],
  [
    '(valid) an approval using the default approve transition',
    (a) => {
      leadFlow(a).states[1]!.approval = { mode: 'all' }
      leadFlow(a).transitions.push({ key: 'approve', from: ['qualified'], to: 'disqualified', roles: [] })
    },
    [],
  ],
  // --- create-record actions ---
  [
    'a create action onto an unknown form',
    (a) => {
      leadFlow(a).transitions[0]!.actions!.push({ type: 'create', form: 'contacts', map: {} })
    },
    [['unknown_form', '/workflows/0/transitions/0/actions/1/form']],
  ],
  [
    'a create action onto an unknown field',
    (a) => addCreate(a, { email: { var: 'email' }, nme: 'x' }),
    [['unknown_field', '/workflows/0/transitions/0/actions/1/map/nme']],
  ],
  [
    'a create action copying a number into an email',
    (a) => addCreate(a, { email: { var: 'score' } }),
    [['map_type_mismatch', '/workflows/0/transitions/0/actions/1/map/email']],
  ],
  [
    'a create action leaving a required field unmapped',
    (a) => addCreate(a, { name: 'x' }),
    [['map_required_missing', '/workflows/0/transitions/0/actions/1/map']],
  ],
  [
    'a create action reading an unknown source field',
    (a) => addCreate(a, { email: { var: 'mail' } }),
    [['unknown_field', '/workflows/0/transitions/0/actions/1/map/email/var']],
  ],
  [
    'a create action matching on an unmapped field',
    (a) => addCreate(a, { email: { var: 'email' } }, { match: ['email', 'name'] }),
    [['match_field_unmapped', '/workflows/0/transitions/0/actions/1/match/1']],
  ],
  [
    'a create action with a back link of the wrong target',
    (a) => addCreate(a, { email: { var: 'email' } }, { backLink: 'name' }),
    [['link_target_mismatch', '/workflows/0/transitions/0/actions/1/backLink']],
  ],

  // --- field rules ---
  [
    'a formula cycle',
    (a) =>
      addField(
        a,
        { key: 'x', type: 'formula', expression: { '+': [{ var: 'y' }, 1] } },
        { key: 'y', type: 'formula', expression: { '+': [{ var: 'x' }, 1] } },
      ),
    [['formula_cycle', '/forms/0/fields/6/expression']],
  ],
  [
    'a formula reading itself',
    (a) => addField(a, { key: 'x', type: 'formula', expression: { '*': [{ var: 'x' }, 2] } }),
    [['formula_cycle', '/forms/0/fields/6/expression']],
  ],
  [
    'a relation to an unknown form',
    (a) => addField(a, { key: 'company', type: 'relation', target: 'account' }),
    [['unknown_form', '/forms/0/fields/6/target']],
  ],
  [
    'a relation displaying an unknown field',
    (a) => {
      contactForm(a)
      addField(a, { key: 'contact', type: 'relation', target: 'contact', display: 'full_name' })
    },
    [['unknown_field', '/forms/0/fields/6/display']],
  ],
  [
    'a subform column with a bad key and an inverted range',
    (a) =>
      addField(a, {
        key: 'lines',
        type: 'subform',
        fields: [
          { key: 'Qty', type: 'integer' },
          { key: 'price', type: 'money', min: '10', max: '2' },
        ],
      }),
    [
      ['invalid_key', '/forms/0/fields/6/fields/0/key'],
      ['min_above_max', '/forms/0/fields/6/fields/1/min'],
    ],
  ],
  [
    'a subform inside a subform',
    (a) =>
      addField(a, {
        key: 'lines',
        type: 'subform',
        fields: [{ key: 'parts', type: 'subform', fields: [{ key: 'n', type: 'text' }] }],
      }),
    [['subform_nested', '/forms/0/fields/6/fields/0/type']],
  ],
  [
    'a subform column condition naming an unknown field',
    (a) =>
      addField(a, {
        key: 'lines',
        type: 'subform',
        fields: [
          { key: 'qty', type: 'integer' },
          { key: 'note', type: 'text', visibleWhen: { '>': [{ var: 'qtty' }, 1] } },
        ],
      }),
    [['unknown_field', '/forms/0/fields/6/fields/1/visibleWhen/>/0/var']],
  ],
  [
    'min above max',
    (a) => {
      leadForm(a).fields[3]!.min = 100
      leadForm(a).fields[3]!.max = 0
    },
    [['min_above_max', '/forms/0/fields/3/min']],
  ],
  [
    'minLength above maxLength',
    (a) => addField(a, { key: 'code', type: 'text', minLength: 5, maxLength: 2 }),
    [['min_length_above_max_length', '/forms/0/fields/6/minLength']],
  ],
  [
    'an invalid regular expression',
    (a) => addField(a, { key: 'code', type: 'text', pattern: '^[A-Z' }),
    [['invalid_pattern', '/forms/0/fields/6/pattern']],
  ],
  [
    'a serial format without a counter',
    (a) => addField(a, { key: 'number', type: 'serial', format: 'LEAD-{YYYY}' }),
    [['serial_counter_missing', '/forms/0/fields/6/format']],
  ],
  [
    'a serial format with an unknown placeholder',
    (a) => addField(a, { key: 'number', type: 'serial', format: 'LEAD-{YEAR}-{0000}' }),
    [['serial_placeholder_unknown', '/forms/0/fields/6/format']],
  ],
  [
    'a select default that is not an option',
    (a) => {
      leadForm(a).fields[1]!.default = 'tv'
    },
    [['invalid_default', '/forms/0/fields/1/default']],
  ],
  [
    'a number default above max',
    (a) => {
      leadForm(a).fields[3]!.default = 150
    },
    [['invalid_default', '/forms/0/fields/3/default']],
  ],
  [
    'a date default that is no date',
    (a) => addField(a, { key: 'met_on', type: 'date', default: '2026-02-30' }),
    [['invalid_default', '/forms/0/fields/6/default']],
  ],
  [
    'an expression default that reads a field',
    (a) =>
      addField(a, { key: 'met_on', type: 'date', default: { if: [{ var: 'name' }, { today: [] }, null] } }),
    [['default_reads_field', '/forms/0/fields/6/default/if/0/var']],
  ],
  [
    'a select without options',
    (a) => addField(a, { key: 'tier', type: 'radio' }),
    [['options_missing', '/forms/0/fields/6/options']],
  ],
  [
    'a required read-only field without default',
    (a) => {
      leadForm(a).fields[4]!.required = true
    },
    [['required_read_only', '/forms/0/fields/4/required']],
  ],
  [
    'a file field accepting a bad type',
    (a) => addField(a, { key: 'nda', type: 'file', accept: ['.pdf', 'pdf files'] }),
    [['invalid_accept', '/forms/0/fields/6/accept/1']],
  ],
  [
    'an unknown time zone',
    (a) => {
      a.timeZone = 'Asia/Beijing'
    },
    [['invalid_time_zone', '/timeZone']],
  ],
]

const summary = (app: unknown) =>
  verifyApp(app)
    .errors.map((e) => [e.code, e.path] as [string, string])
    .sort()

describe('verifyApp', () => {
  it('accepts the agreed example of DESIGN.md', () => {
    expect(verifyApp(exampleApp())).toEqual({ ok: true, errors: [] })
  })

  // ../shared/DESIGN.md sits beside the work tree during development, not in a clone
  const design = new URL('../../../shared/DESIGN.md', import.meta.url)
  it.skipIf(!existsSync(design))('keeps its fixture identical to the example in DESIGN.md', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(readFileSync(design, 'utf8'))?.[1]
    expect(block).toBeDefined()
    expect(JSON.parse(block!)).toEqual(exampleApp())
  })

  it('holds at least 40 invalid definitions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases)('reports %s', (_name, mutate, expected) => {
    const app = exampleApp()
    const replaced = mutate(app)
    const result = verifyApp(replaced ?? app)
    expect(result.ok).toBe(expected.length === 0)
    expect(summary(replaced ?? app)).toEqual([...expected].sort())
    for (const [code] of expected) expect([...SHAPE_CODES, ...SEMANTIC_CODES]).toContain(code)
  })

  it('accepts organisation rules: a department, its head, a manager, round robin within a department', () => {
    const app = exampleApp()
    const flow = leadFlow(app)
    flow.states[0]!.assignee = { departmentHead: 'submitter' }
    flow.states[1]!.assignee = { roundRobin: { role: 'sales', department: 'sales_east' } }
    flow.transitions[0]!.actions!.push(
      { type: 'notify', to: { department: 'sales_east' }, message: 'new lead' },
      { type: 'assign', to: { manager: 'assignee' } },
    )
    leadForm(app).permissions = { sales: { read: 'department', edit: 'own' } }
    expect(verifyApp(app)).toEqual({ ok: true, errors: [] })
    expect(verifyApp(app, { departments: ['sales_east', 'company'] })).toEqual({ ok: true, errors: [] })
  })

  it('flags a department the platform does not have, when the departments are known', () => {
    const app = exampleApp()
    const flow = leadFlow(app)
    flow.states[1]!.assignee = { roundRobin: { role: 'sales', department: 'sales_est' } }
    flow.transitions[0]!.actions!.push({ type: 'notify', to: { department: 'nowhere' }, message: 'x' })
    const result = verifyApp(app, { departments: ['sales_east'] })
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ['unknown_department', '/workflows/0/states/1/assignee/roundRobin/department'],
      [
        'unknown_department',
        `/workflows/0/transitions/0/actions/${flow.transitions[0]!.actions!.length - 1}/to/department`,
      ],
    ])
    expect(result.errors[0]!.message).toEqual({
      en: "department 'sales_est' does not exist (did you mean 'sales_east'?)",
      'zh-CN': "部门 'sales_est' 不存在（是否想写 'sales_east'？）",
    })
    // without the platform's departments (tessera check) nothing is known to be missing
    expect(verifyApp(app).ok).toBe(true)
  })

  it('words problems in both languages with the field named', () => {
    const app = exampleApp()
    leadForm(app).fields[0]!.type = bad('strng')
    const [problem] = verifyApp(app).errors
    expect(problem?.message.en).toBe("unknown field type 'strng'")
    expect(problem?.message['zh-CN']).toContain('strng')
  })

  it('suggests the property meant by a typo', () => {
    const app = exampleApp()
    Object.assign(leadForm(app).fields[0]!, { requred: true })
    expect(verifyApp(app).errors[0]?.message.en).toBe("unknown property 'requred' (did you mean 'required'?)")
  })

  it('escapes pointer segments holding / and ~', () => {
    const app = exampleApp()
    leadForm(app).permissions = { 'a/b~c': { read: 'all' } }
    expect(summary(app)).toEqual([['unknown_role', '/forms/0/permissions/a~1b~0c']])
  })

  it('accepts a literal as a condition and a label per locale', () => {
    const app = exampleApp()
    leadForm(app).fields[2]!.visibleWhen = false
    leadForm(app).title = { 'zh-CN': '线索', en: 'Lead' }
    expect(verifyApp(app).ok).toBe(true)
  })

  it('accepts an expression default the form compiler evaluates (today)', () => {
    const app = exampleApp()
    addField(app, { key: 'met_on', type: 'date', default: { today: [] } })
    expect(verifyApp(app).errors).toEqual([])
  })

  it('does not check var inside map/filter against the record', () => {
    const app = exampleApp()
    addField(app, { key: 'lines', type: 'subform', fields: [{ key: 'qty', type: 'integer' }] })
    addField(app, {
      key: 'big_lines',
      type: 'formula',
      expression: { count: [{ filter: [{ var: 'lines' }, { '>': [{ var: 'qty' }, 10] }] }] },
    })
    expect(verifyApp(app)).toEqual({ ok: true, errors: [] })
  })

  it('lets conditions and views name system columns', () => {
    const app = exampleApp()
    leadFlow(app).transitions[0]!.guard = {
      and: [{ '==': [{ var: 'state' }, 'new'] }, { '>=': [{ var: 'score' }, 60] }],
    }
    app.views = [
      {
        key: 'recent',
        form: 'lead',
        columns: ['email', 'state', 'owner'],
        sort: '-created_at',
        groupBy: 'state',
      },
    ]
    expect(verifyApp(app)).toEqual({ ok: true, errors: [] })
  })
})

describe('parseApp', () => {
  it('returns the definition when it verifies', () => {
    expect(parseApp(exampleApp()).key).toBe('crm')
  })

  it('throws a DefinitionError listing the problems', () => {
    const app = exampleApp()
    leadFlow(app).form = 'leads'
    try {
      parseApp(app)
      expect.unreachable('parseApp accepted an invalid definition')
    } catch (e) {
      expect(e).toBeInstanceOf(DefinitionError)
      expect((e as DefinitionError).problems.map((p) => p.code)).toEqual(['unknown_form'])
      expect((e as DefinitionError).code).toBe('DEFINITION_INVALID')
    }
  })
})
