import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Label } from './app-definition.js'

/**
 * An import profile: how the columns of someone's file become records of an app (data, not code,
 * so an admin can write one for their own file). A profile has steps, one per file; each step feeds
 * one form (or the app's members) and is run by the server's importer.
 */
export interface ImportProfile {
  key: string
  label: Label
  description?: Label
  /** the app it imports into */
  app: string
  /** cell values that mean "no value" in every column, e.g. `Select` (compared trimmed, case-insensitively) */
  emptyValues?: string[]
  steps: ImportStep[]
}

export interface ImportStep {
  key: string
  label?: Label
  /** the file name this step reads (in the folder given to the importer) */
  file: string
  /** a form key of the app, or `$members` for users and their app memberships */
  form: string
  /** `utf-8`, `gbk`, `windows-1252`...; absent = detected */
  encoding?: string
  /** the source column holding a stable id: importing the same file again updates, never duplicates */
  externalKey?: string
  /** the field that keeps the external key (mapped from the same column): the importer reads what is
   * already there by it, so a re-import leaves unchanged rows alone and tells created from updated */
  keyField?: string
  /** extra "no value" cells for this step */
  emptyValues?: string[]
  columns: ColumnMapping[]
  /** where each record starts in its workflow; absent = the workflow's initial state through its rules */
  state?: StateMapping
  /** `$members` steps: who the rows are */
  members?: MembersMapping
  /** data linkage on import: a relation with `fill` fills the fields a row leaves out from the record
   * it chooses, as a person's submission would (a deal without an amount takes its product's list
   * price). Absent = history is stored as it was, nothing filled. */
  fill?: boolean
}

export interface ColumnMapping {
  /** the source header, matched trimmed and case-insensitively */
  column: string
  /** the target field key */
  field: string
  /** source value -> canonical value, applied before option matching, e.g. `{"GTXPro": "GTX Pro"}` */
  aliases?: Record<string, string>
  /** booleans: the cells meaning true and false (defaults: yes/no, true/false, 1/0, 是/否) */
  trueValues?: string[]
  falseValues?: string[]
  /** relation fields: find the target record whose `by` field equals the cell (normalized); `user`
   * fields: find the app member whose `name` or `email` equals it. Unmatched cells are reported. */
  lookup?: { form?: string; by: string }
  /** dates written other than ISO: `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY` */
  dateFormat?: string
}

export interface StateMapping {
  /** the column whose value names the state, through `map` (source value -> state key) */
  column?: string
  map?: Record<string, string>
  /** or rules, first match wins: `{"column": "Converted", "equals": "1", "state": "converted"}` */
  rules?: { column: string; equals: string; state: string }[]
}

export interface MembersMapping {
  /** the column with the person's name */
  name: string
  /** the column with an email; absent = made from the name at `emailDomain` */
  email?: string
  emailDomain?: string
  /** roles given to every row */
  roles: string[]
  /** member attribute -> source column, e.g. `{"region": "regional_office"}` */
  attributes?: Record<string, string>
  /** a column naming each row's manager: the manager becomes a member with `managerRoles` (and
   * the same attributes listed in `managerAttributes`), and the row's `manager` attribute is the
   * manager's user id, so "my team" scopes work. */
  manager?: { column: string; roles: string[]; attributes?: string[] }
}

const label = { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }] }
const stringList = { type: 'array', items: { type: 'string' } }
const key = { type: 'string', pattern: '^[a-z$][a-z0-9_-]*$' }

/** The JSON Schema (2020-12) of an import profile. */
export const importProfileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tessera.dev/schemas/import-profile.json',
  type: 'object',
  required: ['key', 'label', 'app', 'steps'],
  additionalProperties: false,
  properties: {
    key,
    label,
    description: label,
    app: { type: 'string', minLength: 1 },
    emptyValues: stringList,
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['key', 'file', 'form', 'columns'],
        additionalProperties: false,
        properties: {
          key,
          label,
          file: { type: 'string', minLength: 1 },
          form: key,
          encoding: { type: 'string' },
          externalKey: { type: 'string' },
          keyField: { type: 'string' },
          emptyValues: stringList,
          fill: { type: 'boolean' },
          columns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['column', 'field'],
              additionalProperties: false,
              properties: {
                column: { type: 'string', minLength: 1 },
                field: { type: 'string', minLength: 1 },
                aliases: { type: 'object', additionalProperties: { type: 'string' } },
                trueValues: stringList,
                falseValues: stringList,
                lookup: {
                  type: 'object',
                  required: ['by'],
                  additionalProperties: false,
                  properties: { form: { type: 'string' }, by: { type: 'string' } },
                },
                dateFormat: { enum: ['DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD'] },
              },
            },
          },
          state: {
            type: 'object',
            additionalProperties: false,
            properties: {
              column: { type: 'string' },
              map: { type: 'object', additionalProperties: { type: 'string' } },
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['column', 'equals', 'state'],
                  additionalProperties: false,
                  properties: {
                    column: { type: 'string' },
                    equals: { type: 'string' },
                    state: { type: 'string' },
                  },
                },
              },
            },
          },
          members: {
            type: 'object',
            required: ['name', 'roles'],
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              email: { type: 'string' },
              emailDomain: { type: 'string' },
              roles: stringList,
              attributes: { type: 'object', additionalProperties: { type: 'string' } },
              manager: {
                type: 'object',
                required: ['column', 'roles'],
                additionalProperties: false,
                properties: { column: { type: 'string' }, roles: stringList, attributes: stringList },
              },
            },
          },
        },
      },
    },
  },
} as const

const ajv = new Ajv2020({ allErrors: true, strict: true })
const validate = ajv.compile<ImportProfile>(importProfileSchema)

/** One problem with a profile: a JSON pointer and what is wrong, in both languages. */
export interface ImportProfileProblem {
  path: string
  message: { 'zh-CN': string; en: string }
}

/** Checks a profile's shape; returns the problems (empty when valid). */
export function checkImportProfile(input: unknown): ImportProfileProblem[] {
  if (validate(input)) return []
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: {
      'zh-CN': `导入配置不合法：${e.message ?? e.keyword}`,
      en: `import profile invalid: ${e.message ?? e.keyword}`,
    },
  }))
}

/** Narrows unknown JSON to a profile, or throws an Error listing every problem. */
export function parseImportProfile(input: unknown): ImportProfile {
  const problems = checkImportProfile(input)
  if (problems.length === 0) return input as ImportProfile
  throw new Error(problems.map((p) => `${p.path}: ${p.message.en}`).join('\n'))
}
