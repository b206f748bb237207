import type { AppDefinition, FieldDefinition } from '../app-definition.js'
import { bad } from './example-app.js'

/** A single change that breaks one rule, and the code the verifier must report for it. */
export interface RuleMutation {
  name: string
  code: string
  apply(app: AppDefinition): void
}

const form = (app: AppDefinition) => app.forms[0]!
const flow = (app: AppDefinition) => app.workflows![0]!
const push = (app: AppDefinition, field: FieldDefinition) => form(app).fields.push(field)
const finalState = (app: AppDefinition) => flow(app).states.find((s) => s.final)!

export const RULE_MUTATIONS: RuleMutation[] = [
  { name: 'duplicate field', code: 'duplicate_key', apply: (a) => push(a, { ...form(a).fields[0]! }) },
  { name: 'reserved key', code: 'reserved_key', apply: (a) => push(a, { key: 'owner', type: 'text' }) },
  { name: 'bad key', code: 'invalid_key', apply: (a) => push(a, { key: 'Bad Key', type: 'text' }) },
  {
    name: 'unknown type',
    code: 'enum',
    apply: (a) => {
      form(a).fields[0]!.type = bad('strng')
    },
  },
  {
    name: 'typo',
    code: 'additionalProperties',
    apply: (a) => {
      Object.assign(form(a).fields[0]!, { requred: true })
    },
  },
  {
    name: 'min above max',
    code: 'min_above_max',
    apply: (a) => push(a, { key: 'zz_range_field', type: 'number', min: 5, max: 1 }),
  },
  {
    name: 'layout unknown',
    code: 'unknown_field',
    apply: (a) => {
      form(a).layout = [{ section: 'S', fields: ['zz_missing_field'] }]
    },
  },
  {
    name: 'workflow unknown form',
    code: 'unknown_form',
    apply: (a) => {
      flow(a).form = 'zz_missing_form'
    },
  },
  {
    name: 'transition to unknown state',
    code: 'unknown_state',
    apply: (a) => {
      flow(a).transitions[0]!.to = 'zz_missing_state'
    },
  },
  {
    name: 'bad duration',
    code: 'invalid_duration',
    apply: (a) => {
      flow(a).timers = [{ state: flow(a).initial, after: '1 day', fire: 't0' }]
    },
  },
  {
    name: 'undeclared role',
    code: 'unknown_role',
    apply: (a) => {
      flow(a).transitions[0]!.roles = ['zz_missing_role']
    },
  },
  {
    name: 'orphan state',
    code: 'state_unreachable',
    apply: (a) => {
      flow(a).states.push({ key: 'zz_orphan_state', final: true })
    },
  },
  {
    name: 'select without options',
    code: 'options_missing',
    apply: (a) => push(a, { key: 'zz_select_field', type: 'select' }),
  },
  {
    name: 'bad regex',
    code: 'invalid_pattern',
    apply: (a) => push(a, { key: 'zz_code_field', type: 'text', pattern: '(' }),
  },
  {
    name: 'duplicate state',
    code: 'duplicate_key',
    apply: (a) => {
      flow(a).states.push({ ...flow(a).states[0]! })
    },
  },
  {
    name: 'out of final',
    code: 'transition_from_final',
    apply: (a) => {
      flow(a).transitions.push({
        key: 'zz_reopen_transition',
        from: [finalState(a).key],
        to: flow(a).initial,
        roles: [a.roles[0]!.key],
      })
    },
  },
  {
    name: 'formula cycle',
    code: 'formula_cycle',
    apply: (a) =>
      push(a, {
        key: 'zz_formula_self',
        type: 'formula',
        expression: { '+': [{ var: 'zz_formula_self' }, 1] },
      }),
  },
  {
    name: 'unknown operator',
    code: 'unknown_operator',
    apply: (a) => {
      form(a).fields[0]!.visibleWhen = bad({ zz_op: [] })
    },
  },
  {
    name: 'type mismatch',
    code: 'condition_type_mismatch',
    apply: (a) =>
      push(a, {
        key: 'zz_typed_field',
        type: 'number',
        visibleWhen: { '==': [{ var: 'zz_typed_field' }, 'abc'] },
      }),
  },
  {
    name: 'no final state',
    code: 'no_final_state',
    apply: (a) => {
      finalState(a).final = false
    },
  },
  {
    name: 'bad default',
    code: 'invalid_default',
    apply: (a) => push(a, { key: 'zz_default_field', type: 'boolean', default: 'yes' }),
  },
  {
    name: 'two workflows on one form',
    code: 'workflow_form_taken',
    apply: (a) => {
      a.workflows!.push({ ...flow(a), key: 'zz_second_flow' })
    },
  },
  {
    name: 'relation to unknown form',
    code: 'unknown_form',
    apply: (a) => {
      push(a, { key: 'zz_bad_relation', type: 'relation', target: 'zz_missing_form' })
    },
  },
  {
    name: 'visibility on itself',
    code: 'visibility_cycle',
    apply: (a) => {
      push(a, { key: 'zz_self_visible', type: 'text', visibleWhen: { '!!': [{ var: 'zz_self_visible' }] } })
    },
  },
  {
    name: 'sum of a missing column',
    code: 'unknown_field',
    apply: (a) => {
      push(a, {
        key: 'zz_bad_sum',
        type: 'formula',
        expression: { sum: [{ var: 'zz_lines' }, 'zz_missing_col'] },
      })
    },
  },
  {
    name: 'view on unknown field',
    code: 'unknown_field',
    apply: (a) => {
      a.views![0]!.columns!.push('zz_missing_field')
    },
  },
  {
    name: 'guard on unknown state',
    code: 'unknown_state',
    apply: (a) => {
      flow(a).transitions[0]!.guard = { '==': [{ var: 'state' }, 'zz_missing_state'] }
    },
  },
  {
    name: 'timer not open',
    code: 'timer_transition_not_open',
    apply: (a) => {
      // a waiting state with a way on, whose timer fires t0 (open only from the initial state)
      const role = a.roles[0]!.key
      flow(a).states.push({ key: 'zz_wait' })
      flow(a).transitions.push(
        { key: 'zz_go', from: [flow(a).initial], to: 'zz_wait', roles: [role] },
        { key: 'zz_done', from: ['zz_wait'], to: finalState(a).key, roles: [role] },
      )
      flow(a).timers = [{ state: 'zz_wait', after: 'PT1H', fire: 't0' }]
    },
  },
]
