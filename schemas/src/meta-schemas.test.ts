import { describe, expect, it } from 'vitest'
import type {
  ActionDefinition,
  AppDefinition,
  ApprovalRule,
  DashboardDefinition,
  DuplicateRule,
  FieldDefinition,
  FormDefinition,
  FormPermission,
  LayoutSection,
  RoleDefinition,
  StateDefinition,
  TimerDefinition,
  TransitionDefinition,
  ViewDefinition,
  WidgetDefinition,
  WorkflowDefinition,
} from './app-definition.js'
import { FIELD_TYPES } from './app-definition.js'
import {
  actionSchema,
  appSchema,
  dashboardSchema,
  FIELD_TYPE_SHAPES,
  fieldSchema,
  formPermissionSchema,
  formSchema,
  layoutSchema,
  META_SCHEMAS,
  roleSchema,
  stateSchema,
  timerSchema,
  transitionSchema,
  viewSchema,
  workflowSchema,
} from './meta-schemas.js'
import { kitchenSinkApp } from './test-support/kitchen-sink-app.js'
import { validateApp } from './validators.js'
import { verifyApp } from './verify-app.js'

/** The keys of T, and its required keys: listing them in objects below makes tsc check the lists. */
type AllKeys<T> = Record<keyof T, true>
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T]
type Required_<T> = Record<RequiredKeys<T>, true>

interface ObjectSchema {
  properties: object
  required?: readonly string[]
}
const propertiesOf = (s: ObjectSchema) => Object.keys(s.properties).sort()
const requiredOf = (s: ObjectSchema) => [...(s.required ?? [])].sort()
const keys = (o: object) => Object.keys(o).sort()

const pairs: [string, ObjectSchema, AllKeys<never> | object, object][] = [
  [
    'app',
    appSchema,
    {
      key: true,
      name: true,
      description: true,
      version: true,
      roles: true,
      forms: true,
      workflows: true,
      views: true,
      dashboards: true,
      timeZone: true,
      duplicates: true,
      automations: true,
      robots: true,
    } satisfies AllKeys<AppDefinition>,
    { key: true, name: true, roles: true, forms: true } satisfies Required_<AppDefinition>,
  ],
  [
    'form',
    formSchema,
    {
      key: true,
      title: true,
      description: true,
      fields: true,
      layout: true,
      permissions: true,
      public: true,
      publicFields: true,
      rules: true,
    } satisfies AllKeys<FormDefinition>,
    { key: true, title: true, fields: true } satisfies Required_<FormDefinition>,
  ],
  [
    'layout',
    layoutSchema,
    { section: true, columns: true, fields: true } satisfies AllKeys<LayoutSection>,
    { section: true, fields: true } satisfies Required_<LayoutSection>,
  ],
  [
    'form permission',
    formPermissionSchema,
    {
      create: true,
      read: true,
      edit: true,
      delete: true,
      import: true,
      export: true,
    } satisfies AllKeys<FormPermission>,
    {} satisfies Required_<FormPermission>,
  ],
  [
    'role',
    roleSchema,
    { key: true, label: true } satisfies AllKeys<RoleDefinition>,
    { key: true } satisfies Required_<RoleDefinition>,
  ],
  [
    'workflow',
    workflowSchema,
    {
      key: true,
      label: true,
      form: true,
      initial: true,
      states: true,
      transitions: true,
      timers: true,
      layout: true,
    } satisfies AllKeys<WorkflowDefinition>,
    {
      key: true,
      form: true,
      initial: true,
      states: true,
      transitions: true,
    } satisfies Required_<WorkflowDefinition>,
  ],
  [
    'state',
    stateSchema,
    {
      key: true,
      label: true,
      final: true,
      assignee: true,
      assigneeField: true,
      approval: true,
      fields: true,
    } satisfies AllKeys<StateDefinition>,
    { key: true } satisfies Required_<StateDefinition>,
  ],
  [
    'approval',
    stateSchema.properties.approval,
    { mode: true, share: true, approve: true, reject: true } satisfies AllKeys<ApprovalRule>,
    { mode: true } satisfies Required_<ApprovalRule>,
  ],
  [
    'transition',
    transitionSchema,
    {
      key: true,
      label: true,
      from: true,
      to: true,
      roles: true,
      assigneeOnly: true,
      style: true,
      guard: true,
      guardMessage: true,
      requires: true,
      actions: true,
    } satisfies AllKeys<TransitionDefinition>,
    { key: true, from: true, to: true, roles: true } satisfies Required_<TransitionDefinition>,
  ],
  [
    'timer',
    timerSchema,
    { state: true, after: true, fire: true } satisfies AllKeys<TimerDefinition>,
    { state: true, after: true, fire: true } satisfies Required_<TimerDefinition>,
  ],
  [
    'view',
    viewSchema,
    {
      key: true,
      title: true,
      form: true,
      type: true,
      columns: true,
      filter: true,
      sort: true,
      groupBy: true,
    } satisfies AllKeys<ViewDefinition>,
    { key: true, form: true } satisfies Required_<ViewDefinition>,
  ],
  [
    'dashboard',
    dashboardSchema,
    { key: true, title: true, widgets: true } satisfies AllKeys<DashboardDefinition>,
    { key: true, widgets: true } satisfies Required_<DashboardDefinition>,
  ],
  [
    'widget',
    dashboardSchema.properties.widgets.items,
    {
      key: true,
      title: true,
      type: true,
      form: true,
      report: true,
      groupBy: true,
      memberAttribute: true,
      measure: true,
      filter: true,
      stages: true,
      sla: true,
      time: true,
      transition: true,
      dateField: true,
      filterBy: true,
    } satisfies AllKeys<WidgetDefinition>,
    { key: true, type: true, form: true } satisfies Required_<WidgetDefinition>,
  ],
  [
    'duplicate rule',
    appSchema.properties.duplicates.items,
    { form: true, field: true, action: true } satisfies AllKeys<DuplicateRule>,
    { form: true, field: true, action: true } satisfies Required_<DuplicateRule>,
  ],
]

const fieldKeys = {
  key: true,
  type: true,
  label: true,
  help: true,
  placeholder: true,
  required: true,
  default: true,
  readOnly: true,
  unique: true,
  min: true,
  max: true,
  minLength: true,
  maxLength: true,
  pattern: true,
  decimals: true,
  options: true,
  visibleWhen: true,
  requiredWhen: true,
  target: true,
  display: true,
  multiple: true,
  fields: true,
  accept: true,
  maxSize: true,
  maxFiles: true,
  expression: true,
  format: true,
  currency: true,
  relation: true,
  field: true,
  form: true,
  op: true,
  where: true,
  fill: true,
} satisfies AllKeys<FieldDefinition>

type ActionOf<T extends ActionDefinition['type']> = Extract<ActionDefinition, { type: T }>
const actionKeys = {
  set: { type: true, field: true, value: true } satisfies AllKeys<ActionOf<'set'>>,
  assign: { type: true, to: true } satisfies AllKeys<ActionOf<'assign'>>,
  create: { type: true, form: true, map: true, link: true, backLink: true, match: true } satisfies AllKeys<
    ActionOf<'create'>
  >,
  notify: { type: true, to: true, message: true, channel: true, robot: true } satisfies AllKeys<
    ActionOf<'notify'>
  >,
  webhook: { type: true, url: true, body: true } satisfies AllKeys<ActionOf<'webhook'>>,
} satisfies Record<ActionDefinition['type'], object>

describe('meta-schemas and TypeScript types', () => {
  it.each(pairs)(
    '%s: the schema has exactly the properties and required keys of the type',
    (_name, schema, all, required) => {
      expect(propertiesOf(schema)).toEqual(keys(all))
      expect(requiredOf(schema)).toEqual(keys(required))
    },
  )

  it('field: the per-type shapes together cover exactly FieldDefinition', () => {
    const union = new Set(Object.values(FIELD_TYPE_SHAPES).flatMap((s) => Object.keys(s.properties)))
    expect([...union, 'key', 'type'].filter((k, i, a) => a.indexOf(k) === i).sort()).toEqual(keys(fieldKeys))
    expect(fieldSchema.properties.type.enum).toEqual(FIELD_TYPES)
    expect(keys(FIELD_TYPE_SHAPES)).toEqual([...FIELD_TYPES].sort())
  })

  it('action: each action type has exactly the members of its union branch', () => {
    for (const branch of actionSchema.allOf as {
      if: { properties: { type: { const: keyof typeof actionKeys } } }
      then: ObjectSchema
    }[]) {
      const type = branch.if.properties.type.const
      expect(propertiesOf(branch.then)).toEqual(keys(actionKeys[type]))
    }
  })

  it('every meta-schema declares 2020-12 compatible absolute $ids', () => {
    const ids = META_SCHEMAS.map((s) => s.$id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^https:\/\/tessera\.dev\/schemas\/[a-z-]+\.json$/)
    for (const schema of META_SCHEMAS)
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
  })

  it('a definition using every feature compiles as AppDefinition and validates', () => {
    expect(validateApp(kitchenSinkApp), JSON.stringify(validateApp.errors)).toBe(true)
    expect(verifyApp(kitchenSinkApp)).toEqual({ ok: true, errors: [] })
  })
})

describe('type-level fixtures the schema rejects too', () => {
  const rejected: [string, unknown][] = []
  // @ts-expect-error a misspelt property is not a FieldDefinition member
  const typo: FieldDefinition = { key: 'a', type: 'text', requred: true }
  rejected.push(['typo', typo])
  // @ts-expect-error an unknown field type
  const unknownType: FieldDefinition = { key: 'a', type: 'strng' }
  rejected.push(['unknown type', unknownType])
  // @ts-expect-error a transition needs roles
  const noRoles: TransitionDefinition = { key: 't', from: ['a'], to: 'b' }
  rejected.push(['no roles', noRoles])
  // @ts-expect-error a timer needs after
  const noAfter: TimerDefinition = { state: 'a', fire: 't' }
  rejected.push(['no after', noAfter])

  it.each(rejected)('%s fails the meta-schema', (_name, value) => {
    const app = {
      key: 'a',
      name: 'A',
      roles: [],
      forms: [{ key: 'f', title: 'F', fields: [{ key: 'x', type: 'text' }] }],
    }
    const placed =
      'type' in (value as object)
        ? { ...app, forms: [{ ...app.forms[0], fields: [value] }] }
        : 'fire' in (value as object)
          ? {
              ...app,
              workflows: [
                {
                  key: 'w',
                  form: 'f',
                  initial: 'a',
                  states: [{ key: 'a' }],
                  transitions: [],
                  timers: [value],
                },
              ],
            }
          : {
              ...app,
              workflows: [
                { key: 'w', form: 'f', initial: 'a', states: [{ key: 'a' }], transitions: [value] },
              ],
            }
    expect(validateApp(placed)).toBe(false)
  })
})
