import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Space, Table, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import type { FormData } from '../logic/form-logic.js'
import { FieldWidget } from '../field-widget.js'
import { moveRow } from './move-row.js'
import type { WidgetProps } from './widget-props.js'

type Row = FormData

/** A subform as an editable table: add, remove and reorder rows, errors shown in the cell they belong to. */
export function SubformTable({ field, value, onChange, app, id, cellErrors = {} }: WidgetProps<Row[]>) {
  const { t, label } = useT()
  const rows = value ?? []
  const set = (next: Row[]) => onChange(next.length ? next : undefined)
  const setCell = (i: number, key: string, v: unknown) =>
    set(rows.map((r, j) => (j === i ? withValue(r, key, v) : r)))
  const columns = (field.fields ?? []).map((c) => ({
    key: c.key,
    title: (
      <span>
        {c.required && <span className="required-mark">* </span>}
        {label(c.label, c.key)}
      </span>
    ),
    render: (_: unknown, _r: Row, i: number) => {
      const errs = cellErrors[`${i}/${c.key}`]
      return (
        <div>
          <FieldWidget
            field={c}
            value={rows[i]?.[c.key]}
            onChange={(v) => setCell(i, c.key, v)}
            app={app}
            id={`${id}-${i}-${c.key}`}
            invalid={Boolean(errs)}
            ariaLabel={`${label(c.label, c.key)} — ${t('form.row', { n: i + 1 })}`}
          />
          {errs?.map((m) => (
            <Typography.Text key={m} type="danger" className="field-error">
              {m}
            </Typography.Text>
          ))}
        </div>
      )
    },
  }))
  const actions = {
    key: '_actions',
    title: '',
    width: 120,
    render: (_: unknown, _r: Row, i: number) => (
      <Space size={0}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={`${t('form.moveUp')} ${i + 1}`}
          disabled={i === 0}
          onClick={() => set(moveRow(rows, i, i - 1))}
        />
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={`${t('form.moveDown')} ${i + 1}`}
          disabled={i === rows.length - 1}
          onClick={() => set(moveRow(rows, i, i + 1))}
        />
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={`${t('form.removeRow')} ${i + 1}`}
          onClick={() => set(rows.filter((_x, j) => j !== i))}
        />
      </Space>
    ),
  }
  return (
    <div id={id} className="subform-table">
      <Table<Row>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(_r, i) => String(i)}
        dataSource={rows}
        columns={[...columns, actions]}
      />
      <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, {}])} style={{ marginTop: 8 }}>
        {t('form.addRow')}
      </Button>
    </div>
  )
}

function withValue(row: Row, key: string, v: unknown): Row {
  const next = { ...row }
  if (v === undefined) delete next[key]
  else next[key] = v
  return next
}
