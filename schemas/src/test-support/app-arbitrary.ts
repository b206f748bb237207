import fc from 'fast-check'
import type {
  AppDefinition,
  FieldDefinition,
  FormDefinition,
  JsonLogic,
  TransitionDefinition,
  WorkflowDefinition,
} from '../app-definition.js'
import { RESERVED_FIELD_KEYS } from '../checks/system-fields.js'

/** Keys of at most 11 characters: test mutations use longer `zz_...` keys that can never collide. */
const keyArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((k) => !RESERVED_FIELD_KEYS.has(k))
const keys = (min: number, max: number) => fc.uniqueArray(keyArb, { minLength: min, maxLength: max })
const labelArb = fc.oneof(fc.constant('Label'), fc.constant({ en: 'Label', 'zh-CN': '标签' }))

/** A valid field of a random type with consistent options, limits and default. */
function fieldArb(key: string): fc.Arbitrary<FieldDefinition> {
  return fc.oneof(
    fc.record({ min: fc.integer({ min: 0, max: 5 }), span: fc.integer({ min: 0, max: 50 }) }).map(
      ({ min, span }): FieldDefinition => ({
        key,
        type: 'text',
        label: 'Text',
        minLength: min,
        maxLength: min + span,
      }),
    ),
    fc
      .record({ min: fc.integer({ min: -100, max: 100 }), span: fc.integer({ min: 0, max: 100 }) })
      .map(({ min, span }): FieldDefinition => ({ key, type: 'number', min, max: min + span, default: min })),
    fc.uniqueArray(keyArb, { minLength: 1, maxLength: 4 }).map(
      (values): FieldDefinition => ({
        key,
        type: 'select',
        options: values.map((value) => ({ value })),
        default: values[0],
      }),
    ),
    fc.constant<FieldDefinition>({ key, type: 'boolean' }),
    fc.constant<FieldDefinition>({ key, type: 'date', min: '2000-01-01' }),
    fc.constant<FieldDefinition>({ key, type: 'email', required: true }),
    fc.constant<FieldDefinition>({ key, type: 'money', currency: 'CNY', decimals: 2 }),
    fc.constant<FieldDefinition>({ key, type: 'textarea', help: { en: 'Notes' } }),
  )
}

/** A condition over `field` with a literal that fits its type, or none for types without one here. */
function conditionOn(field: FieldDefinition): JsonLogic | undefined {
  switch (field.type) {
    case 'number':
      return { '>=': [{ var: field.key }, 1] }
    case 'select':
      return { '==': [{ var: field.key }, field.options![0]!.value] }
    case 'boolean':
      return { '==': [{ var: field.key }, true] }
    case 'text':
      return { '!=': [{ var: field.key }, 'x'] }
    default:
      return undefined
  }
}

function formArb(key: string): fc.Arbitrary<FormDefinition> {
  return keys(1, 6)
    .chain((fieldKeys) => fc.tuple(...fieldKeys.map(fieldArb)))
    .map((fields) => {
      // a later field may be shown depending on the first one
      const condition = fields[0] ? conditionOn(fields[0]) : undefined
      if (condition !== undefined && fields[1]) fields[1] = { ...fields[1], visibleWhen: condition }
      return {
        key,
        title: 'Form',
        fields,
        layout: [{ section: 'Main', columns: 2, fields: fields.slice(0, 2).map((f) => f.key) }],
      }
    })
}

/** A chain of states s0 -> s1 -> ... -> final, with optional back edges and a timer. */
function workflowArb(key: string, form: FormDefinition, roles: string[]): fc.Arbitrary<WorkflowDefinition> {
  return fc
    .record({
      stateKeys: keys(2, 6),
      backEdges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      hours: fc.integer({ min: 1, max: 72 }),
      withTimer: fc.boolean(),
      label: labelArb,
    })
    .map(({ stateKeys, backEdges, hours, withTimer, label }) => {
      const last = stateKeys.length - 1
      const guardField = form.fields.find((f) => f.type === 'number')
      const transitions: TransitionDefinition[] = stateKeys.slice(0, last).map((from, i) => ({
        key: `t${i}`,
        from: [from],
        to: stateKeys[i + 1]!,
        roles: [roles[i % roles.length]!],
        ...(i === 0 && guardField ? { guard: { '>=': [{ var: guardField.key }, 0] } } : {}),
      }))
      backEdges.forEach(([a, b], i) => {
        const from = stateKeys[a % last]!
        transitions.push({ key: `back${i}`, from: [from], to: stateKeys[b % last]!, roles: [roles[0]!] })
      })
      return {
        key,
        label,
        form: form.key,
        initial: stateKeys[0]!,
        states: stateKeys.map((k, i) => ({ key: k, ...(i === last ? { final: true } : {}) })),
        transitions,
        ...(withTimer ? { timers: [{ state: stateKeys[0]!, after: `PT${hours}H`, fire: 't0' }] } : {}),
      }
    })
}

/** Cross-form parts: a relation from each form to the next, a formula and a subform on the first. */
function linkForms(forms: FormDefinition[]): FormDefinition[] {
  return forms.map((form, i) => {
    const target = forms[(i + 1) % forms.length]!
    const extra: FieldDefinition[] = [
      { key: 'zz_link', type: 'relation', target: target.key, display: target.fields[0]!.key },
    ]
    const numeric = form.fields.find((f) => f.type === 'number')
    if (numeric)
      extra.push({ key: 'zz_double', type: 'formula', expression: { '*': [{ var: numeric.key }, 2] } })
    if (i === 0)
      extra.push(
        {
          key: 'zz_lines',
          type: 'subform',
          fields: [
            { key: 'qty', type: 'integer', min: 1 },
            { key: 'price', type: 'money' },
          ],
        },
        { key: 'zz_total', type: 'formula', expression: { sum: [{ var: 'zz_lines' }, 'price'] } },
      )
    return { ...form, fields: [...form.fields, ...extra] }
  })
}

/** Random valid app definitions: 1-3 roles, 1-3 forms, a workflow on the first form and maybe others. */
export const validAppArb: fc.Arbitrary<AppDefinition> = fc
  .record({ roleKeys: keys(1, 3), formKeys: keys(1, 3), flows: fc.integer({ min: 1, max: 3 }) })
  .chain(({ roleKeys, formKeys, flows }) =>
    fc.tuple(...formKeys.map(formArb)).chain((forms) =>
      fc.tuple(...forms.slice(0, flows).map((form, i) => workflowArb(`flow_${i}`, form, roleKeys))).map(
        (workflows): AppDefinition => ({
          key: 'app',
          name: { en: 'App', 'zh-CN': '应用' },
          roles: roleKeys.map((key) => ({ key })),
          forms: linkForms(forms),
          workflows,
          views: forms.map((f) => ({
            key: `${f.key}_all`,
            form: f.key,
            columns: [f.fields[0]!.key, 'state'],
            sort: '-created_at',
          })),
          dashboards: [
            {
              key: 'overview',
              widgets: forms.map((f, i) => ({
                key: `w${i}`,
                type: 'number',
                form: f.key,
                measure: { op: 'count' },
              })),
            },
          ],
        }),
      ),
    ),
  )
