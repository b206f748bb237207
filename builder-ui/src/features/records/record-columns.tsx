import {
  type FieldDefinition,
  type FormDefinition,
  isLinkedField,
  linkedValueField,
  type WorkflowDefinition,
} from '@tessera/schemas'
import { Tag } from 'antd'
import type { ColumnType } from 'antd/es/table'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { RecordView } from '../../api/wire-types.js'
import type { I18n } from '../../i18n/i18n-context.js'
import { formatDateTime } from '../../i18n/format.js'
import { formatFieldValue } from '../forms/format-field-value.js'
import { type AppForms, shownAs } from '../forms/logic/linked-fields.js'
import { DueTag } from './due-tag.js'

/** System columns beside the form's fields; their keys are the server's sort names. */
export const SYSTEM_COLUMNS = ['state', 'assignee', 'dueAt', 'updated_at', 'created_at'] as const

export interface ColumnContext {
  i18n: I18n
  form: FormDefinition
  workflow?: WorkflowDefinition
  userName: (id: string) => string | undefined
  sort?: string
  /** the app's forms: lookups and rollups read as the fields they show */
  forms?: AppForms
}

/** Fields that make sense as a table column (a subform does not, nor a lookup of one). */
export const listableFields = (form: FormDefinition, forms?: AppForms) =>
  form.fields.filter((f) => shownAs(forms, form, f).type !== 'subform')

// the list API sorts by value every kind but these (a lookup or rollup as the kind it shows)
const UNSORTABLE: ReadonlySet<string> = new Set(['multiselect', 'file', 'image', 'address', 'subform'])
/** Whether the server can sort the list by this field. */
export const sortable = (forms: AppForms | undefined, form: FormDefinition, f: FieldDefinition) => {
  // one whose definition the server cannot resolve has no value to sort by
  if (isLinkedField(f) && !(forms && linkedValueField(forms, form, f))) return false
  return !UNSORTABLE.has(shownAs(forms, form, f).type)
}

export function stateLabel(
  workflow: WorkflowDefinition | undefined,
  state: string | null,
  label: I18n['label'],
) {
  if (!state) return ''
  return label(workflow?.states.find((s) => s.key === state)?.label, state)
}

function sortOrder(sort: string | undefined, key: string) {
  if (sort === key) return 'ascend' as const
  if (sort === `-${key}`) return 'descend' as const
  return null
}

/**
 * A cell's text kept to one line of at most the column's cap (app.css `.cell-clip`), ellipsized,
 * with the whole text as its title: a 120-character name without spaces must not push the other
 * columns off the screen.
 */
export function clipped(text: string, node: ReactNode = text) {
  return (
    <span className="cell-clip" title={text || undefined}>
      {node}
    </span>
  )
}

/** Room the state and assignee columns keep, so "Accepted (SALES)" or a name is not cut short. */
export const STATE_MIN_WIDTH = 180
export const ASSIGNEE_MIN_WIDTH = 150

/** The antd columns for the visible keys, in the order the user chose. Every cell is text. */
export function buildColumns(visible: string[], ctx: ColumnContext): ColumnType<RecordView>[] {
  const { i18n, form, workflow } = ctx
  const { t, label, lang } = i18n
  const fieldCol = (f: FieldDefinition, first: boolean): ColumnType<RecordView> => ({
    key: f.key,
    dataIndex: ['data', f.key],
    title: label(f.label, f.key),
    sorter: sortable(ctx.forms, form, f),
    sortOrder: sortOrder(ctx.sort, f.key),
    ellipsis: true,
    render: (_v, r) => {
      const text = formatFieldValue(shownAs(ctx.forms, form, f), r.data[f.key], {
        lang,
        label,
        userName: ctx.userName,
        yes: t('common.yes'),
        no: t('common.no'),
      })
      return first
        ? clipped(text, <Link to={`/records/${encodeURIComponent(r.id)}`}>{text || r.id.slice(0, 8)}</Link>)
        : clipped(text)
    },
  })
  const system: Record<string, ColumnType<RecordView>> = {
    state: {
      key: 'state',
      title: t('records.state'),
      sorter: true,
      sortOrder: sortOrder(ctx.sort, 'state'),
      minWidth: STATE_MIN_WIDTH,
      render: (_v, r) => {
        if (!r.state) return null
        const text = stateLabel(workflow, r.state, label)
        return clipped(text, <Tag className="cell-tag">{text}</Tag>)
      },
    },
    assignee: {
      key: 'assignee',
      title: t('records.assignee'),
      sorter: true,
      sortOrder: sortOrder(ctx.sort, 'assignee'),
      minWidth: ASSIGNEE_MIN_WIDTH,
      render: (_v, r) => clipped(r.assignee ? (ctx.userName(r.assignee) ?? r.assignee) : ''),
    },
    dueAt: { key: 'dueAt', title: t('records.due'), render: (_v, r) => <DueTag dueAt={r.dueAt} /> },
    updated_at: {
      key: 'updated_at',
      title: t('records.updatedAt'),
      sorter: true,
      sortOrder: sortOrder(ctx.sort, 'updated_at'),
      render: (_v, r) => formatDateTime(r.updatedAt, lang),
    },
    created_at: {
      key: 'created_at',
      title: t('records.createdAt'),
      sorter: true,
      sortOrder: sortOrder(ctx.sort, 'created_at'),
      render: (_v, r) => formatDateTime(r.createdAt, lang),
    },
  }
  const fields = new Map(listableFields(form, ctx.forms).map((f) => [f.key, f]))
  const firstField = visible.find((k) => fields.has(k))
  return visible.flatMap((k) => {
    const f = fields.get(k)
    if (f) return [fieldCol(f, k === firstField)]
    const s = system[k]
    return s && (k !== 'state' || workflow) ? [s] : []
  })
}
