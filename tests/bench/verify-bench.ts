/**
 * Benchmark: verifyApp on a 200-form, 5,000-field definition, against a raw baseline measured in the
 * same run (the ajv meta-schema validation alone). Prints one JSON line: {name, ms, product, baseline, ratio, unit, note}.
 * Run: pnpm --filter @tessera/tests exec tsx bench/verify-bench.ts
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import {
  type AppDefinition,
  type FieldDefinition,
  type FormDefinition,
  validateApp,
  verifyApp,
  type WorkflowDefinition,
} from '@tessera/schemas'

const FORMS = 200
const FIELDS_PER_FORM = 25
const RUNS = 9

function field(form: number, i: number): FieldDefinition {
  const key = `f${i}`
  switch (i % 8) {
    case 0:
      return {
        key,
        type: 'text',
        label: { en: `Field ${i}`, 'zh-CN': `字段 ${i}` },
        required: true,
        maxLength: 200,
        pattern: '^\\S',
      }
    case 1:
      return { key, type: 'number', min: 0, max: 1000, default: 5, decimals: 2 }
    case 2:
      return { key, type: 'select', options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }], default: 'a' }
    case 3:
      return {
        key,
        type: 'text',
        visibleWhen: { '==': [{ var: 'f2' }, 'b'] },
        requiredWhen: { '>': [{ var: 'f1' }, 10] },
      }
    case 4:
      return { key, type: 'date', min: '2000-01-01' }
    case 5:
      return { key, type: 'relation', target: `form_${(form + 1) % FORMS}`, display: 'f0' }
    case 6:
      return { key, type: 'formula', expression: { '*': [{ var: 'f1' }, 2] } }
    default:
      return { key, type: 'money', currency: 'CNY', min: '0' }
  }
}

function workflow(form: number): WorkflowDefinition {
  return {
    key: `flow_${form}`,
    form: `form_${form}`,
    initial: 'new',
    states: [
      { key: 'new', fields: { f0: 'edit', f1: { sales: 'edit', '*': 'read' } } },
      { key: 'review', assignee: { roundRobin: { role: 'sales' } } },
      { key: 'done', final: true },
      { key: 'dropped', final: true },
    ],
    transitions: [
      {
        key: 'submit',
        from: ['new'],
        to: 'review',
        roles: ['sales'],
        guard: { '>=': [{ var: 'f1' }, 1] },
        requires: ['f0'],
      },
      {
        key: 'finish',
        from: ['review'],
        to: 'done',
        roles: ['ops'],
        actions: [{ type: 'set', field: 'f9', value: 3 }],
      },
      { key: 'drop', from: ['new', 'review'], to: 'dropped', roles: ['ops', 'sales'] },
      {
        key: 'remind',
        from: ['review'],
        to: 'review',
        roles: [],
        actions: [{ type: 'notify', to: { role: 'ops' }, message: 'Waiting' }],
      },
    ],
    timers: [{ state: 'review', after: 'P2D', fire: 'remind' }],
  }
}

/** A large but valid definition: 200 forms of 25 fields, a workflow on every other form. */
export function largeDefinition(): AppDefinition {
  const forms: FormDefinition[] = Array.from({ length: FORMS }, (_, f) => ({
    key: `form_${f}`,
    title: `Form ${f}`,
    fields: Array.from({ length: FIELDS_PER_FORM }, (_, i) => field(f, i)),
    layout: [{ section: 'Main', columns: 2, fields: ['f0', 'f1', 'f2', 'f3'] }],
  }))
  return {
    key: 'big',
    name: 'Big app',
    roles: [{ key: 'sales' }, { key: 'ops' }],
    forms,
    workflows: Array.from({ length: FORMS / 2 }, (_, i) => workflow(i * 2)),
  }
}

function median(run: () => void): number {
  const times: number[] = []
  run() // warm-up: JIT, and ajv's lazily compiled paths
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function runVerifyBench() {
  const definition = largeDefinition()
  const result = verifyApp(definition)
  if (!result.ok) throw new Error(`bench definition is invalid: ${JSON.stringify(result.errors.slice(0, 3))}`)
  const fields = definition.forms.reduce((n, f) => n + f.fields.length, 0)
  const baselineMs = median(() => validateApp(definition))
  const ms = median(() => verifyApp(definition))
  // the row shape of bench/run-all.ts ({name, product, baseline, ratio, unit}), plus `ms` itself
  return {
    name: 'verify-app',
    ms: round(ms),
    product: round(ms),
    baseline: round(baselineMs),
    ratio: round(ms / baselineMs),
    unit: 'ms',
    note: `${definition.forms.length} forms, ${fields} fields; baseline: ajv meta-schema validation alone`,
  }
}

const round = (n: number) => Number(n.toFixed(2))

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(runVerifyBench()))
