import type {
  ActionDefinition,
  AppDefinition,
  FieldDefinition,
  FormDefinition,
  JsonLogic,
  StateDefinition,
  TransitionDefinition,
  WorkflowDefinition,
} from '@tessera/schemas'
import type { DraftAction, FieldPlace } from './draft-actions.js'

/**
 * Applies one edit to the draft. Pure and structural-sharing: untouched forms and workflows keep
 * their identity, which keeps React re-renders and the undo stack cheap on a 300-field form.
 * Unknown targets leave the draft unchanged (the same object), so a stale click is a no-op.
 */
export function draftReducer(draft: AppDefinition, action: DraftAction): AppDefinition {
  switch (action.type) {
    case 'app/update':
      return patch(draft, action.patch)
    case 'roles/set':
      return { ...draft, roles: action.roles }
    case 'robots/set': {
      const { robots: _gone, ...rest } = draft
      return action.robots.length > 0 ? { ...draft, robots: action.robots } : rest
    }
    case 'views/set':
      return { ...draft, views: action.views }
    case 'automations/set':
      return { ...draft, automations: action.automations }
    case 'form/add':
      return { ...draft, forms: [...draft.forms, action.form] }
    case 'form/update':
      return mapForm(draft, action.form, (form) => patch(form, action.patch))
    case 'form/remove':
      return { ...draft, forms: draft.forms.filter((form) => form.key !== action.form) }
    case 'form/rename':
      return renameForm(draft, action.from, action.to)
    case 'field/insert':
      return mapForm(draft, action.form, (form) =>
        placeField({ ...form, fields: [...form.fields, action.field] }, action.field.key, action.place),
      )
    case 'field/update':
      return mapForm(draft, action.form, (form) => ({
        ...form,
        fields: form.fields.map((field) => (field.key === action.field ? patch(field, action.patch) : field)),
      }))
    case 'field/rename':
      return renameField(draft, action.form, action.from, action.to)
    case 'field/move':
      return mapForm(draft, action.form, (form) => placeField(form, action.field, action.place))
    case 'field/duplicate':
      return mapForm(draft, action.form, (form) => duplicateField(form, action.field, action.key))
    case 'field/remove':
      return mapForm(draft, action.form, (form) => ({
        ...form,
        fields: form.fields.filter((field) => field.key !== action.field),
        ...(form.layout && {
          layout: form.layout.map((s) => ({ ...s, fields: s.fields.filter((k) => k !== action.field) })),
        }),
        // a removed field leaves the public list; the last one leaving it means the default again
        ...(form.publicFields && {
          publicFields: form.publicFields.some((k) => k !== action.field)
            ? form.publicFields.filter((k) => k !== action.field)
            : undefined,
        }),
      }))
    case 'section/add':
      return mapForm(draft, action.form, (form) => ({
        ...form,
        layout: [...(form.layout ?? []), action.section],
      }))
    case 'section/update':
      return mapForm(draft, action.form, (form) => ({
        ...form,
        layout: (form.layout ?? []).map((s, i) => (i === action.index ? patch(s, action.patch) : s)),
      }))
    case 'section/move':
      return mapForm(draft, action.form, (form) => ({
        ...form,
        layout: moveItem(form.layout ?? [], action.from, action.to),
      }))
    case 'section/remove':
      // The section's fields stay in the form; they fall to the end, as DESIGN.md says of unplaced fields.
      return mapForm(draft, action.form, (form) =>
        normalizeOrder({ ...form, layout: (form.layout ?? []).filter((_, i) => i !== action.index) }),
      )
    case 'workflow/add':
      return { ...draft, workflows: [...(draft.workflows ?? []), action.workflow] }
    case 'workflow/update':
      return mapWorkflow(draft, action.workflow, (wf) => patch(wf, action.patch))
    case 'workflow/remove':
      return { ...draft, workflows: (draft.workflows ?? []).filter((wf) => wf.key !== action.workflow) }
    case 'state/add':
      return mapWorkflow(draft, action.workflow, (wf) => ({
        ...wf,
        states: [...wf.states, action.state],
        initial: wf.initial || action.state.key,
      }))
    case 'state/update':
      return mapWorkflow(draft, action.workflow, (wf) => updateState(wf, action.state, action.patch))
    case 'state/remove':
      return mapWorkflow(draft, action.workflow, (wf) => removeState(wf, action.state))
    case 'transition/add':
      return mapWorkflow(draft, action.workflow, (wf) => ({
        ...wf,
        transitions: [...wf.transitions, action.transition],
      }))
    case 'transition/update':
      return mapWorkflow(draft, action.workflow, (wf) =>
        updateTransition(wf, action.transition, action.patch),
      )
    case 'transition/remove':
      return mapWorkflow(draft, action.workflow, (wf) => ({
        ...wf,
        transitions: wf.transitions.filter((t) => t.key !== action.transition),
        ...(wf.timers && { timers: wf.timers.filter((timer) => timer.fire !== action.transition) }),
      }))
    case 'timers/set':
      return mapWorkflow(draft, action.workflow, (wf) => ({ ...wf, timers: action.timers }))
    case 'workflow/layout':
      return mapWorkflow(draft, action.workflow, (wf) => ({
        ...wf,
        layout: {
          ...wf.layout,
          states: { ...(action.replace ? {} : wf.layout?.states), ...action.states },
        },
      }))
    case 'draft/replace':
      return action.draft
    case 'batch':
      return action.actions.reduce(draftReducer, draft)
  }
}

/** Sets the keys of `changes`; a key whose value is `undefined` is deleted. */
export function patch<T extends object>(target: T, changes: NoInfer<Partial<T>>): T {
  const next = { ...target } as Record<string, unknown>
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return next as T
}

function mapForm(
  draft: AppDefinition,
  key: string,
  edit: (form: FormDefinition) => FormDefinition,
): AppDefinition {
  const index = draft.forms.findIndex((form) => form.key === key)
  const form = draft.forms[index]
  if (!form) return draft
  const forms = [...draft.forms]
  forms[index] = edit(form)
  return { ...draft, forms }
}

function mapWorkflow(
  draft: AppDefinition,
  key: string,
  edit: (wf: WorkflowDefinition) => WorkflowDefinition,
): AppDefinition {
  const workflows = draft.workflows ?? []
  const index = workflows.findIndex((wf) => wf.key === key)
  const workflow = workflows[index]
  if (!workflow) return draft
  const next = [...workflows]
  next[index] = edit(workflow)
  return { ...draft, workflows: next }
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items]
  const [item] = next.splice(from, 1)
  if (item === undefined) return [...items]
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item)
  return next
}

/** The canvas order: the sections' fields in order, then every field no section names. */
export function displayOrder(form: FormDefinition): { sections: string[][]; rest: string[] } {
  const known = new Set(form.fields.map((field) => field.key))
  const placed = new Set<string>()
  const sections = (form.layout ?? []).map((section) =>
    section.fields.filter((key) => {
      if (!known.has(key) || placed.has(key)) return false
      placed.add(key)
      return true
    }),
  )
  const rest = form.fields.map((field) => field.key).filter((key) => !placed.has(key))
  return { sections, rest }
}

/** Reorders `fields` to the canvas order, so the JSON reads as the form looks. */
function normalizeOrder(form: FormDefinition): FormDefinition {
  const { sections, rest } = displayOrder(form)
  const byKey = new Map(form.fields.map((field) => [field.key, field]))
  const fields = [...sections.flat(), ...rest]
    .map((key) => byKey.get(key))
    .filter((f): f is FieldDefinition => !!f)
  return { ...form, fields }
}

function placeField(form: FormDefinition, key: string, place: FieldPlace | undefined): FormDefinition {
  if (!form.fields.some((field) => field.key === key)) return form
  const { sections, rest } = displayOrder(form)
  const without = (keys: string[]) => keys.filter((k) => k !== key)
  const target = place ?? { section: null, index: Number.MAX_SAFE_INTEGER }
  const nextSections = sections.map(without)
  let nextRest = without(rest)
  const insert = (keys: string[]) => {
    const copy = [...keys]
    copy.splice(Math.max(0, Math.min(target.index, copy.length)), 0, key)
    return copy
  }
  const section = target.section
  if (section !== null && nextSections[section]) nextSections[section] = insert(nextSections[section])
  else nextRest = insert(nextRest)
  const layout = form.layout?.map((s, i) => ({ ...s, fields: nextSections[i] ?? [] }))
  return normalizeOrder({
    ...form,
    ...(layout && { layout }),
    fields: reorderFields(form.fields, [...nextSections.flat(), ...nextRest]),
  })
}

function reorderFields(fields: FieldDefinition[], order: string[]): FieldDefinition[] {
  const byKey = new Map(fields.map((field) => [field.key, field]))
  return order.map((key) => byKey.get(key)).filter((f): f is FieldDefinition => !!f)
}

function duplicateField(form: FormDefinition, key: string, newKey: string): FormDefinition {
  const original = form.fields.find((field) => field.key === key)
  if (!original || form.fields.some((field) => field.key === newKey)) return form
  const copy: FieldDefinition = { ...structuredClone(original), key: newKey }
  const { sections, rest } = displayOrder(form)
  const sectionIndex = sections.findIndex((keys) => keys.includes(key))
  const keys = sectionIndex >= 0 ? (sections[sectionIndex] ?? []) : rest
  const place = { section: sectionIndex >= 0 ? sectionIndex : null, index: keys.indexOf(key) + 1 }
  return placeField({ ...form, fields: [...form.fields, copy] }, newKey, place)
}

/**
 * Renames a field and every reference to it in the app: layout, conditions, workflows, actions.
 * Only what mentions the field is rebuilt: while the key follows a label being typed, each
 * keystroke renames, and the other 299 cards of the form must keep their identity.
 */
function renameField(draft: AppDefinition, formKey: string, from: string, to: string): AppDefinition {
  const form = draft.forms.find((f) => f.key === formKey)
  if (!form || from === to || form.fields.some((field) => field.key === to)) return draft
  const renameLogic = (logic: JsonLogic): JsonLogic =>
    mentionsVar(logic, from) ? renameVar(logic, from, to) : logic
  const withFields = mapForm(draft, formKey, (f) => ({
    ...f,
    fields: f.fields.map((field) => {
      let next = field.key === from ? { ...field, key: to } : field
      for (const prop of ['visibleWhen', 'requiredWhen', 'expression'] as const) {
        const logic = next[prop]
        if (logic !== undefined && mentionsVar(logic, from)) next = { ...next, [prop]: renameLogic(logic) }
      }
      return next
    }),
    ...(f.layout && {
      layout: f.layout.map((s) =>
        s.fields.includes(from) ? { ...s, fields: s.fields.map((k) => (k === from ? to : k)) } : s,
      ),
    }),
    ...(f.publicFields && { publicFields: f.publicFields.map((k) => (k === from ? to : k)) }),
  }))
  const renameState = (state: StateDefinition): StateDefinition => {
    const inFields = state.fields !== undefined && from in state.fields
    const inAssignee = !!state.assignee && 'field' in state.assignee && state.assignee.field === from
    if (!inFields && !inAssignee) return state
    return {
      ...state,
      ...(inFields && state.fields && { fields: renameKeys(state.fields, from, to) }),
      ...(inAssignee && { assignee: { field: to } }),
    }
  }
  const renameAction = (a: ActionDefinition): ActionDefinition => {
    if (a.type === 'set' && (a.field === from || mentionsVar(a.value, from)))
      return { ...a, field: a.field === from ? to : a.field, value: renameLogic(a.value) }
    if (a.type === 'create' && Object.values(a.map).some((v) => mentionsVar(v, from)))
      return { ...a, map: Object.fromEntries(Object.entries(a.map).map(([k, v]) => [k, renameLogic(v)])) }
    return a
  }
  const renameTransition = (t: TransitionDefinition): TransitionDefinition => {
    const guard = t.guard !== undefined && mentionsVar(t.guard, from)
    const requires = !!t.requires?.includes(from)
    const actions = t.actions?.map(renameAction)
    const actionsChanged = !!actions && actions.some((a, i) => a !== t.actions?.[i])
    if (!guard && !requires && !actionsChanged) return t
    return {
      ...t,
      ...(guard && t.guard !== undefined && { guard: renameLogic(t.guard) }),
      ...(requires && t.requires && { requires: t.requires.map((k) => (k === from ? to : k)) }),
      ...(actionsChanged && { actions }),
    }
  }
  const workflows = (withFields.workflows ?? []).map((wf) =>
    wf.form !== formKey
      ? wf
      : { ...wf, states: wf.states.map(renameState), transitions: wf.transitions.map(renameTransition) },
  )
  return draft.workflows ? { ...withFields, workflows } : withFields
}

/** Whether the logic reads `{"var": name}` (or a `name.x` path into a subform). */
export function mentionsVar(logic: JsonLogic, name: string): boolean {
  if (Array.isArray(logic)) return logic.some((item) => mentionsVar(item, name))
  if (logic === null || typeof logic !== 'object') return false
  return Object.entries(logic).some(([op, args]) => {
    if (op !== 'var') return mentionsVar(args, name)
    const target = Array.isArray(args) ? args[0] : args
    return typeof target === 'string' && (target === name || target.startsWith(`${name}.`))
  })
}

function renameKeys<V>(record: Record<string, V>, from: string, to: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]))
}

/** Rewrites `{"var": from}` (and `from.x` paths into subforms) anywhere in the logic. */
export function renameVar(logic: JsonLogic, from: string, to: string): JsonLogic {
  if (Array.isArray(logic)) return logic.map((item) => renameVar(item, from, to))
  if (logic === null || typeof logic !== 'object') return logic
  return Object.fromEntries(
    Object.entries(logic).map(([op, args]) => {
      if (op !== 'var') return [op, renameVar(args, from, to)]
      const rename = (name: JsonLogic): JsonLogic =>
        typeof name === 'string' && (name === from || name.startsWith(`${from}.`))
          ? to + name.slice(from.length)
          : name
      return [op, Array.isArray(args) ? args.map((a, i) => (i === 0 ? rename(a) : a)) : rename(args)]
    }),
  )
}

function updateState(
  wf: WorkflowDefinition,
  key: string,
  changes: Partial<WorkflowDefinition['states'][number]>,
): WorkflowDefinition {
  const renamed = changes.key !== undefined && changes.key !== key ? changes.key : null
  if (renamed && wf.states.some((s) => s.key === renamed)) return wf
  const states = wf.states.map((s) => (s.key === key ? patch(s, changes) : s))
  if (!renamed) return { ...wf, states }
  const swap = (k: string) => (k === key ? renamed : k)
  return {
    ...wf,
    states,
    initial: swap(wf.initial),
    transitions: wf.transitions.map((t) => ({ ...t, from: t.from.map(swap), to: swap(t.to) })),
    ...(wf.timers && { timers: wf.timers.map((timer) => ({ ...timer, state: swap(timer.state) })) }),
    ...(wf.layout?.states && {
      layout: { ...wf.layout, states: renameKeys(wf.layout.states, key, renamed) },
    }),
  }
}

function removeState(wf: WorkflowDefinition, key: string): WorkflowDefinition {
  const transitions = wf.transitions
    .map((t) => ({ ...t, from: t.from.filter((k) => k !== key) }))
    .filter((t) => t.to !== key && t.from.length > 0)
  const left = new Set(transitions.map((t) => t.key))
  const states = wf.states.filter((s) => s.key !== key)
  return {
    ...wf,
    states,
    initial: wf.initial === key ? (states[0]?.key ?? '') : wf.initial,
    transitions,
    ...(wf.timers && { timers: wf.timers.filter((timer) => timer.state !== key && left.has(timer.fire)) }),
    ...(wf.layout?.states && {
      layout: {
        ...wf.layout,
        states: Object.fromEntries(Object.entries(wf.layout.states).filter(([k]) => k !== key)),
      },
    }),
  }
}

function updateTransition(
  wf: WorkflowDefinition,
  key: string,
  changes: Partial<WorkflowDefinition['transitions'][number]>,
): WorkflowDefinition {
  const renamed = changes.key !== undefined && changes.key !== key ? changes.key : null
  if (renamed && wf.transitions.some((t) => t.key === renamed)) return wf
  return {
    ...wf,
    transitions: wf.transitions.map((t) => (t.key === key ? patch(t, changes) : t)),
    ...(renamed &&
      wf.timers && {
        timers: wf.timers.map((timer) => (timer.fire === key ? { ...timer, fire: renamed } : timer)),
      }),
  }
}

/** Renames a form and every reference to it: workflows, relations, create actions, views, widgets. */
function renameForm(draft: AppDefinition, from: string, to: string): AppDefinition {
  if (from === to || !draft.forms.some((f) => f.key === from) || draft.forms.some((f) => f.key === to))
    return draft
  const swap = (key: string) => (key === from ? to : key)
  const renameTargets = (fields: FieldDefinition[]): FieldDefinition[] =>
    fields.map((field) => ({
      ...field,
      ...(field.target !== undefined && { target: swap(field.target) }),
      ...(field.fields && { fields: renameTargets(field.fields) }),
    }))
  return {
    ...draft,
    forms: draft.forms.map((f) => ({ ...f, key: swap(f.key), fields: renameTargets(f.fields) })),
    ...(draft.workflows && {
      workflows: draft.workflows.map((wf) => ({
        ...wf,
        form: swap(wf.form),
        transitions: wf.transitions.map((t) =>
          t.actions
            ? {
                ...t,
                actions: t.actions.map((a) => (a.type === 'create' ? { ...a, form: swap(a.form) } : a)),
              }
            : t,
        ),
      })),
    }),
    ...(draft.views && { views: draft.views.map((v) => ({ ...v, form: swap(v.form) })) }),
    ...(draft.dashboards && {
      dashboards: draft.dashboards.map((d) => ({
        ...d,
        widgets: d.widgets.map((w) => ({ ...w, form: swap(w.form) })),
      })),
    }),
    ...(draft.duplicates && { duplicates: draft.duplicates.map((d) => ({ ...d, form: swap(d.form) })) }),
  }
}
