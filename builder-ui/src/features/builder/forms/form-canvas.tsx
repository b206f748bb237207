import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { Button, Empty, Flex, Space, Tooltip, Typography } from 'antd'
import { useCallback, useMemo, useRef } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { useDraft } from '../draft/draft-context.js'
import { displayOrder } from '../draft/draft-reducer.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'
import { pointerToSelection } from '../logic/pointer-to-selection.js'
import { CanvasContainer } from './canvas-container.js'

/** The form as it will be laid out: its sections, then the fields no section names. */
export function FormCanvas({ form }: { form: FormDefinition }) {
  const { t, label } = useT()
  const { draft, dispatch } = useDraft()
  const { selection, select, problems } = useSelection()
  const { sections, rest } = useMemo(() => displayOrder(form), [form])
  const byKey = useMemo(() => new Map(form.fields.map((f) => [f.key, f])), [form.fields])
  const sectionFields = useMemo(() => sections.map((keys) => pickFields(keys, byKey)), [sections, byKey])
  const restFields = useMemo(() => pickFields(rest, byKey), [rest, byKey])
  // Card handlers read the form through a ref: new handlers per keystroke would re-render all 300 cards.
  const formRef = useRef(form)
  formRef.current = form
  const problemsByField = useMemo(() => {
    const counts = new Map<string, number>()
    for (const problem of problems) {
      const target = pointerToSelection(draft, problem.path)
      if (target.kind === 'field' && target.form === form.key)
        counts.set(target.field, (counts.get(target.field) ?? 0) + 1)
    }
    return counts
  }, [problems, draft, form.key])
  const selectedKey = selection.kind === 'field' && selection.form === form.key ? selection.field : null

  const onSelect = useCallback(
    (key: string) => select({ kind: 'field', form: form.key, field: key }),
    [select, form.key],
  )
  const onDuplicate = useCallback(
    (key: string) => {
      const current = formRef.current
      const copy = uniqueKey(
        `${key}_copy`,
        current.fields.map((f) => f.key),
      )
      dispatch({ type: 'field/duplicate', form: current.key, field: key, key: copy })
      select({ kind: 'field', form: current.key, field: copy })
    },
    [dispatch, select],
  )
  const onRemove = useCallback(
    (key: string) => {
      dispatch({ type: 'field/remove', form: form.key, field: key })
      select({ kind: 'form', form: form.key })
    },
    [dispatch, select, form.key],
  )
  const onMove = useCallback(
    (key: string, delta: -1 | 1) => {
      const current = formRef.current
      const order = displayOrder(current)
      const section = order.sections.findIndex((keys) => keys.includes(key))
      const keys = section >= 0 ? (order.sections[section] ?? []) : order.rest
      const index = keys.indexOf(key) + delta
      if (index < 0 || index >= keys.length) return
      dispatch({
        type: 'field/move',
        form: current.key,
        field: key,
        place: { section: section >= 0 ? section : null, index },
      })
    },
    [dispatch],
  )
  const handlers = { selectedKey, problemsByField, onSelect, onDuplicate, onRemove, onMove }
  const addSection = () =>
    dispatch({
      type: 'section/add',
      form: form.key,
      section: {
        section: bothLanguages('builder.canvas.sectionTitle', { n: (form.layout?.length ?? 0) + 1 }),
        columns: 2,
        fields: [],
      },
    })

  return (
    <Flex vertical gap={12} data-testid="builder-canvas">
      {form.fields.length === 0 && sections.length === 0 && <Empty description={t('builder.canvas.empty')} />}
      {sections.map((_keys, index) => {
        const section = form.layout?.[index]
        const isSelected =
          selection.kind === 'section' && selection.form === form.key && selection.index === index
        return (
          <CanvasContainer
            // biome-ignore lint/suspicious/noArrayIndexKey: sections have no key of their own; the index is their identity in the format
            key={index}
            section={index}
            columns={section?.columns ?? 1}
            fields={sectionFields[index] ?? []}
            {...handlers}
            header={
              <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
                <Typography.Link
                  strong
                  onClick={() => select({ kind: 'section', form: form.key, index })}
                  underline={isSelected}
                >
                  {label(section?.section, t('builder.canvas.sectionTitle', { n: index + 1 }))}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
                    {t('builder.canvas.columns', { n: section?.columns ?? 1 })}
                  </Typography.Text>
                </Typography.Link>
                <Space size={2}>
                  <Tooltip title={t('builder.common.moveUp')}>
                    <Button
                      size="small"
                      type="text"
                      aria-label={t('builder.common.moveUp')}
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() =>
                        dispatch({ type: 'section/move', form: form.key, from: index, to: index - 1 })
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t('builder.common.moveDown')}>
                    <Button
                      size="small"
                      type="text"
                      aria-label={t('builder.common.moveDown')}
                      icon={<ArrowDownOutlined />}
                      disabled={index === sections.length - 1}
                      onClick={() =>
                        dispatch({ type: 'section/move', form: form.key, from: index, to: index + 1 })
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t('builder.canvas.removeSection')}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      aria-label={t('builder.canvas.removeSection')}
                      icon={<DeleteOutlined />}
                      onClick={() => dispatch({ type: 'section/remove', form: form.key, index })}
                    />
                  </Tooltip>
                </Space>
              </Flex>
            }
          />
        )
      })}
      <CanvasContainer
        section={null}
        columns={1}
        fields={restFields}
        {...handlers}
        header={
          sections.length > 0 ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
              {t('builder.canvas.rest')}
            </Typography.Text>
          ) : null
        }
      />
      <Flex justify="space-between">
        <Button icon={<PlusOutlined />} onClick={addSection}>
          {t('builder.canvas.addSection')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('builder.canvas.fieldCount', { n: form.fields.length })} · {t('builder.canvas.keyboardHint')}
        </Typography.Text>
      </Flex>
    </Flex>
  )
}

function pickFields(keys: string[], byKey: Map<string, FieldDefinition>): FieldDefinition[] {
  return keys.map((k) => byKey.get(k)).filter((f): f is FieldDefinition => !!f)
}
