/**
 * The Tessera definition format (DESIGN.md "The definition format").
 * These types mirror the JSON Schemas in `meta-schemas.ts`; `app-definition.test.ts`
 * checks that the two cannot drift.
 */

/** A label: a plain string or an object of locale to string, e.g. `{"zh-CN": "线索", "en": "Lead"}`. */
import type { AutomationDefinition } from './automation/automation-definition.js'

export type Label = string | Record<string, string>

/** JSON Logic: data only. A literal is a valid expression. */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [operator: string]: JsonLogic }

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'money',
  'percent',
  'date',
  'datetime',
  'select',
  'multiselect',
  'radio',
  'boolean',
  'email',
  'phone',
  'url',
  'user',
  'relation',
  'subform',
  'file',
  'image',
  'formula',
  'serial',
  'address',
  'rating',
  'lookup',
  'rollup',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** What a rollup computes over the related records. */
export const ROLLUP_OPS = ['count', 'sum', 'min', 'max', 'avg'] as const
export type RollupOp = (typeof ROLLUP_OPS)[number]

export interface FieldOption {
  value: string
  label?: Label
}

/** Every field property sits flat on the field (DESIGN.md). Which apply depends on `type`. */
export interface FieldDefinition {
  key: string
  type: FieldType
  label?: Label
  help?: Label
  placeholder?: Label
  required?: boolean
  default?: unknown
  readOnly?: boolean
  unique?: boolean
  min?: number | string
  max?: number | string
  minLength?: number
  maxLength?: number
  pattern?: string
  decimals?: number
  options?: FieldOption[]
  visibleWhen?: JsonLogic
  requiredWhen?: JsonLogic
  /** relation: the target form key and the field of it shown as the record's title. */
  target?: string
  display?: string
  /** relation and user: many values allowed. */
  multiple?: boolean
  /** subform: its columns. */
  fields?: FieldDefinition[]
  /** file, image: accepted MIME types or extensions, and the largest size in bytes. */
  accept?: string[]
  maxSize?: number
  /** file, image: how many files at most (default 1). */
  maxFiles?: number
  /** formula: a JSON Logic expression over other fields. */
  expression?: JsonLogic
  /** serial: e.g. `LEAD-{YYYY}-{000000}`. */
  format?: string
  /** money: ISO 4217 code. */
  currency?: string
  /** lookup: the relation field of this form whose record is read; rollup: the relation field of
   * `form` that points at this form's records. */
  relation?: string
  /** lookup: the field of the related record shown; rollup: the field of `form` summarized (not for count). */
  field?: string
  /** rollup: the form whose records are summarized. */
  form?: string
  /** rollup: count, sum, min, max or avg. */
  op?: RollupOp
  /** rollup: only the related records this condition holds for (their fields and `state`). */
  where?: JsonLogic
  /** relation: choosing a record fills fields of this form from it, `{thisField: fieldOfTarget}`;
   * a field the person already filled keeps their value. */
  fill?: Record<string, string>
}

export interface LayoutSection {
  section: Label
  columns?: number
  fields: string[]
}

/** Row scope of a read or edit permission: own records (owner or assignee), my team's (members whose
 * `manager` attribute is me), my departments' (members of the departments I belong to or head, and
 * of their sub-departments), all, none, or a condition on the record. */
export type RowScope = 'own' | 'team' | 'department' | 'all' | 'none' | { where: JsonLogic }

export interface FormPermission {
  create?: boolean
  read?: RowScope
  edit?: RowScope
  delete?: RowScope
  import?: boolean
  export?: boolean
}

export interface FormDefinition {
  key: string
  title: Label
  description?: Label
  fields: FieldDefinition[]
  layout?: LayoutSection[]
  /** per role key (`*` for any member); a form without `permissions` lets every member do everything
   * but import (admins only). Platform admins may always do everything. */
  permissions?: Record<string, FormPermission>
  /** may be published at a public link (no login) */
  public?: boolean
  /**
   * the fields a public link shows and accepts, in this order; anything else an anonymous submission
   * sends is refused by name. Without it a link offers every field a visitor can fill in.
   */
  publicFields?: string[]
  /** checks across fields that every submission must pass, in order (the first that fails is reported) */
  rules?: FormRule[]
}

/**
 * A check across fields, e.g. "a lead needs at least a name, an e-mail, a phone or a lead number".
 * It runs once the fields themselves are valid, over the values as stored (empty and hidden ones
 * absent, formulas computed); a check that cannot be evaluated counts as failed.
 */
export interface FormRule {
  key: string
  /** JSON Logic that must hold */
  check: JsonLogic
  /** what the person filling the form reads when it does not */
  message: Label
  /** the field the problem is shown on; the form as a whole when absent */
  field?: string
}

export interface RoleDefinition {
  key: string
  label?: Label
}

/**
 * Turns among the members of `role` (in `department`) whose attributes match `where`. With
 * `fallback: 'role'`, when none of them can take it (the record has no region, or every rep of its
 * region is deactivated or away), turns among the whole role instead of leaving it unassigned.
 */
export interface RoundRobinRule {
  role: string
  department?: string
  where?: Record<string, JsonLogic>
  fallback?: 'role'
}

export type AssigneeRule =
  | { user: string }
  | { field: string }
  | { role: string }
  | { roundRobin: RoundRobinRule }
  /** every member of a department and its sub-departments (like a role: a queue as the one assignee) */
  | { department: string }
  /** the head of the submitter's (the record owner's) or the current assignee's department */
  | { departmentHead: OrgPerson }
  /** a person's manager: their `manager` member attribute, else the head of their department */
  | { manager: OrgPerson }

/** Whom an organisation rule starts from: the record's submitter (owner) or its current assignee. */
export type OrgPerson = 'submitter' | 'assignee'

export type FieldAccess = 'hidden' | 'read' | 'edit' | 'required'
/** Per field: one access for everyone, or an object per role with `*` for the rest. */
export type FieldPermission = FieldAccess | Record<string, FieldAccess>

export interface ApprovalRule {
  mode: 'all' | 'any' | 'share'
  share?: number
  /** the transitions fired when the rule is met or can no longer be met. */
  approve?: string
  reject?: string
}

export interface StateDefinition {
  key: string
  label?: Label
  final?: boolean
  assignee?: AssigneeRule
  /** a user field that receives whoever the assignee rule picks on entering (e.g. the lead's sales rep) */
  assigneeField?: string
  approval?: ApprovalRule
  fields?: Record<string, FieldPermission>
}

export type ActionDefinition =
  | { type: 'set'; field: string; value: JsonLogic }
  | { type: 'assign'; to: AssigneeRule }
  | {
      type: 'create'
      form: string
      map: Record<string, JsonLogic>
      link?: string
      backLink?: string
      /** create-or-link: target fields whose normalized values (case, spacing, apostrophes) find an existing
       * record to link instead of creating one; mapped values then only fill its empty fields, and each
       * conflict is listed in the event, never overwritten (C9, C11). */
      match?: string[]
    }
  | NotifyAction
  | { type: 'webhook'; url: string; body?: JsonLogic }

/** Where a notify goes: the recipients' bell (default), their e-mail, or a chat robot's group. */
export const NOTIFY_CHANNELS = ['inapp', 'email', 'robot'] as const
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number]

/**
 * A message to people. `to` names the recipients (users at the time it is written); on the `robot`
 * channel the message goes to the robot's group chat instead and `robot` names one of the app's `robots`.
 * `to` is required on the other channels (the verifier's `notify_to_missing`) and unused on `robot`.
 */
export interface NotifyAction {
  type: 'notify'
  to?: AssigneeRule
  message: Label
  channel?: NotifyChannel
  robot?: string
}

/** The chat services whose incoming-webhook robots Tessera formats messages for. */
export const ROBOT_KINDS = ['dingtalk', 'wecom', 'feishu', 'slack'] as const
export type RobotKind = (typeof ROBOT_KINDS)[number]

/**
 * A group-chat robot (an incoming webhook). `secret` signs each message where the service has a
 * signature scheme (DingTalk "加签", Feishu "签名校验"); WeCom and Slack have none.
 */
export interface RobotDefinition {
  key: string
  label?: Label
  kind: RobotKind
  url: string
  secret?: string
}

export interface TransitionDefinition {
  key: string
  label?: Label
  from: string[]
  to: string
  /** `[]` = only the system (a timer or an action). */
  roles: string[]
  assigneeOnly?: boolean
  /**
   * How its button reads on a record: `primary` (the default when its guard holds), `default` (a
   * plain button, for a side path), or `danger` (red, for a move that ends or undoes work).
   */
  style?: TransitionStyle
  guard?: JsonLogic
  /** what an actor is told when the guard is false, e.g. "Only grade A/B leads, or give a reason". */
  guardMessage?: Label
  requires?: string[]
  actions?: ActionDefinition[]
}

export type TransitionStyle = 'primary' | 'default' | 'danger'

export interface TimerDefinition {
  state: string
  /** ISO 8601 duration, e.g. `PT24H`. */
  after: string
  fire: string
}

export interface WorkflowDefinition {
  key: string
  label?: Label
  form: string
  initial: string
  states: StateDefinition[]
  transitions: TransitionDefinition[]
  timers?: TimerDefinition[]
  /** where the builder draws the graph; the runtime ignores it. It travels with drafts and versions. */
  layout?: WorkflowLayout
}

/** The designer's arrangement of a workflow graph: each state node's top-left corner. */
export interface WorkflowLayout {
  states?: Record<string, { x: number; y: number }>
}

export interface ViewDefinition {
  key: string
  title?: Label
  form: string
  type?: 'table' | 'kanban' | 'calendar'
  columns?: string[]
  filter?: Record<string, unknown>
  sort?: string
  groupBy?: string
}

/**
 * One stage of a funnel widget. A record reached it when it ever entered one of `states` (its
 * events say so, so a lead returned to nurturing still counts as an MQL), or when the record its
 * relation `linked.field` points to is now in one of `linked.states`, or when it reached a later
 * stage. A stage with neither (the first) is every record.
 */
export interface FunnelStage {
  key: string
  label?: Label
  states?: string[]
  linked?: { field: string; states: string[] }
}

/**
 * A state's service level: each entry into `state` (from another state) opens one; the next event
 * leaving it answers it; breached when answered (or, unanswered, now) later than the `after` of the
 * timer on `state` that fires `timer`. The median counts the answers that went to `goal`.
 */
export interface WidgetSla {
  state: string
  /** the transition the timer fires (a timer is named by what it does) */
  timer: string
  goal: string
}

/** Records per period of a date: `field` (a date or datetime field) or, without it, the record's creation. */
export interface WidgetTime {
  field?: string
  bucket: 'day' | 'week' | 'month'
}

export type WidgetReport = 'funnel' | 'sla' | 'time_series' | 'transitions'

export interface WidgetDefinition {
  key: string
  title?: Label
  /** what the widget shows; the server computes the data behind it. */
  type: 'funnel' | 'bar' | 'line' | 'pie' | 'number' | 'table'
  form: string
  /**
   * Without it, records grouped by `groupBy` and measured by `measure`. `funnel` needs `stages`,
   * `sla` needs `sla`, `time_series` needs `time`, `transitions` (how often `transition` was taken,
   * grouped by a field's value given in it) needs `transition`.
   */
  report?: WidgetReport
  groupBy?: string
  /** with a user field in `groupBy`: group by this attribute of the member (a rep's `region`) */
  memberAttribute?: string
  measure?: { op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'median'; field?: string }
  filter?: Record<string, unknown>
  stages?: FunnelStage[]
  sla?: WidgetSla
  time?: WidgetTime
  transition?: string
  /** the date or datetime field the dashboard's date range applies to; without it, the record's creation */
  dateField?: string
  /**
   * Where a dashboard filter reads its value, when not from the form's field of the same name:
   * `{ region: { field: 'sales_rep', memberAttribute: 'region' } }` filters by the rep's region.
   * A widget whose form has neither is not filtered by it and says so (`notFilteredBy`).
   */
  filterBy?: { region?: WidgetFilterSource }
}

/** A field of the widget's form, or with `memberAttribute` that attribute of the member a user field names. */
export interface WidgetFilterSource {
  field: string
  memberAttribute?: string
}

export interface DashboardDefinition {
  key: string
  title?: Label
  widgets: WidgetDefinition[]
}

export interface AppDefinition {
  key: string
  name: Label
  description?: Label
  /** ignored: versions are assigned by the server on publish. */
  version?: number
  roles: RoleDefinition[]
  forms: FormDefinition[]
  workflows?: WorkflowDefinition[]
  views?: ViewDefinition[]
  dashboards?: DashboardDefinition[]
  /** an IANA time zone for schedules and `today`, e.g. `Asia/Shanghai`. */
  timeZone?: string
  /** a dedupe rule softer than `unique` (DESIGN.md "Versions"): same normalized value attaches or flags. */
  duplicates?: DuplicateRule[]
  /** triggers and actions beside the workflows (issue 9); see automation/automation-definition.ts */
  automations?: AutomationDefinition[]
  /** chat robots a notify action may post to (`channel: "robot"`) */
  robots?: RobotDefinition[]
}

export interface DuplicateRule {
  form: string
  field: string
  /** `flag` stores the new record and marks it; `attach` adds the submission to the existing record. */
  action: 'flag' | 'attach'
}

/** A migration map carried by a publish (`{"states": {"old": "new"}}`), per workflow key or for all. */
export interface MigrationMap {
  states?: Record<string, string>
}

/** A localized message: every user-facing text exists in both languages. */
export interface LocalizedMessage {
  'zh-CN': string
  en: string
}

/** One problem found in a definition or a submission. */
export interface Problem {
  /** JSON pointer; the root is `/` for definitions, `` never. */
  path: string
  code: string
  message: LocalizedMessage
}

export interface VerifyResult {
  ok: boolean
  errors: Problem[]
}
