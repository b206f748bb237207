import type {
  AppDefinition,
  AutomationDefinition,
  FieldDefinition,
  FormDefinition,
  LayoutSection,
  RobotDefinition,
  RoleDefinition,
  StateDefinition,
  TimerDefinition,
  TransitionDefinition,
  ViewDefinition,
  WorkflowDefinition,
} from '@tessera/schemas'

/** A state node's top-left corner on the workflow graph. */
export interface NodePosition {
  x: number
  y: number
}

/** Where a field sits on the canvas: a layout section by index, or `null` for the fields after them. */
export interface FieldPlace {
  section: number | null
  index: number
}

/**
 * Every edit the builder makes to the draft. A patch sets the keys it names; a key set to
 * `undefined` is removed, so "clear the help text" leaves no `"help": undefined` behind.
 */
export type DraftAction =
  | { type: 'app/update'; patch: Partial<Pick<AppDefinition, 'name' | 'description' | 'timeZone'>> }
  | { type: 'roles/set'; roles: RoleDefinition[] }
  | { type: 'robots/set'; robots: RobotDefinition[] }
  | { type: 'views/set'; views: ViewDefinition[] }
  | { type: 'automations/set'; automations: AutomationDefinition[] }
  | { type: 'form/add'; form: FormDefinition }
  | { type: 'form/update'; form: string; patch: Partial<Omit<FormDefinition, 'key' | 'fields'>> }
  | { type: 'form/remove'; form: string }
  | { type: 'form/rename'; from: string; to: string }
  | { type: 'field/insert'; form: string; field: FieldDefinition; place?: FieldPlace }
  | { type: 'field/update'; form: string; field: string; patch: Partial<FieldDefinition> }
  | { type: 'field/rename'; form: string; from: string; to: string }
  | { type: 'field/move'; form: string; field: string; place: FieldPlace }
  | { type: 'field/duplicate'; form: string; field: string; key: string }
  | { type: 'field/remove'; form: string; field: string }
  | { type: 'section/add'; form: string; section: LayoutSection }
  | { type: 'section/update'; form: string; index: number; patch: Partial<Omit<LayoutSection, 'fields'>> }
  | { type: 'section/move'; form: string; from: number; to: number }
  | { type: 'section/remove'; form: string; index: number }
  | { type: 'workflow/add'; workflow: WorkflowDefinition }
  | {
      type: 'workflow/update'
      workflow: string
      patch: Partial<Pick<WorkflowDefinition, 'label' | 'form' | 'initial'>>
    }
  | { type: 'workflow/remove'; workflow: string }
  | { type: 'state/add'; workflow: string; state: StateDefinition }
  | { type: 'state/update'; workflow: string; state: string; patch: Partial<StateDefinition> }
  | { type: 'state/remove'; workflow: string; state: string }
  | { type: 'transition/add'; workflow: string; transition: TransitionDefinition }
  | { type: 'transition/update'; workflow: string; transition: string; patch: Partial<TransitionDefinition> }
  | { type: 'transition/remove'; workflow: string; transition: string }
  | { type: 'timers/set'; workflow: string; timers: TimerDefinition[] }
  /** moves state nodes on the graph; `replace` drops every other position (an automatic layout). */
  | { type: 'workflow/layout'; workflow: string; states: Record<string, NodePosition>; replace?: boolean }
  | { type: 'draft/replace'; draft: AppDefinition }
  /** several edits as one undo step (a label change that also renames the key it generated). */
  | { type: 'batch'; actions: DraftAction[] }
