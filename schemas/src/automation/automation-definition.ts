import type { ActionDefinition, AssigneeRule, JsonLogic, Label, NotifyChannel } from '../app-definition.js'

/**
 * Automations (issue 9): a trigger, an optional condition and a list of actions, declared beside the
 * app's workflows. Runs are durable and live in the runtime (runtime/src/automation).
 */

/** The records a daily or weekly schedule works through, one run each (e.g. opportunities idle for 14 days). */
export interface ScheduleScope {
  form: string
  /** a condition over each record's fields and system columns */
  where?: JsonLogic
  /** only records unchanged for this ISO 8601 duration, and with no record of `related` created in it */
  idle?: { after: string; related?: { form: string; field: string }[] }
}

export type AutomationTrigger =
  | { on: 'created'; form: string }
  /** any of `fields` changed (any field when absent), by an edit or a transition */
  | { on: 'changed'; form: string; fields?: string[] }
  /** a transition entered `state` (a re-entry counts), or a record was created in it */
  | { on: 'entered'; workflow: string; state: string }
  /** five-field cron (minute hour day-of-month month day-of-week) in the app's `timeZone` */
  | { on: 'schedule'; cron: string; each?: ScheduleScope }
  /** POST /api/apps/:app/automations/:key/webhook with the secret in `x-tessera-secret`; the body is the data */
  | { on: 'webhook'; secret: string }

export type AutomationTriggerKind = AutomationTrigger['on']

/** One figure of a summary, counted over the summary's period (e.g. the last 7 days). */
export type SummaryFigure =
  | {
      key: string
      label?: Label
      form: string
      /** counts records whose datetime field (default `created_at`) falls in the period */
      within?: string
      /** or counts records that took this transition in the period */
      transition?: string
      /** per value of this field */
      groupBy?: string
      /** and only those meeting this condition */
      where?: JsonLogic
    }
  /** a ratio of two earlier figures (their totals), as a percentage with one decimal */
  | { key: string; label?: Label; ratio: [string, string] }

export interface NotifySummary {
  /** ISO 8601 duration the figures look back over, ending at the run */
  period: string
  figures: SummaryFigure[]
}

export type AutomationAction =
  | Extract<ActionDefinition, { type: 'set' | 'webhook' }>
  | Omit<Extract<ActionDefinition, { type: 'create' }>, 'match'>
  | {
      type: 'notify'
      /** required unless `channel` is `robot` (see NotifyAction) */
      to?: AssigneeRule
      message: Label
      summary?: NotifySummary
      channel?: NotifyChannel
      robot?: string
    }
  /** every record of `form` meeting `where` gets `set` (expressions over that record) */
  | { type: 'update'; form: string; where?: JsonLogic; set: Record<string, JsonLogic> }
  /** fires a transition on the record a relation field points at (the triggering record when absent) */
  | { type: 'transition'; record?: JsonLogic; transition: string }

export type AutomationActionType = AutomationAction['type']

export interface AutomationDefinition {
  key: string
  label?: Label
  trigger: AutomationTrigger
  condition?: JsonLogic
  actions: AutomationAction[]
}
