import { PlusOutlined } from '@ant-design/icons'
import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { Button, Empty, Flex, Typography } from 'antd'
import { useCallback, useMemo, useRef } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { useDraftActions } from '../draft/draft-context.js'
import { displayOrder } from '../draft/draft-reducer.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'
import { pointerToSelection } from '../logic/pointer-to-selection.js'
import { CanvasContainer } from './canvas-container.js'
import { useStableLists } from './use-stable-list.js'

const NO_FIELDS: FieldDefinition[] = []

/** The form as it will be laid out: its sections, then the fields no section names. */
export function FormCanvas({ form }: { form: FormDefinition }) {
  const { t } = useT()
  const { dispatch, getDraft } = useDraftActions()
  const { selection, select, problems } = useSelection()
  const { sections, rest } = useMemo(() => displayOrder(form), [form])
  const byKey = useMemo(() => new Map(form.fields.map((f) => [f.key, f])), [form.fields])
  const lists = useStableLists(
    useMemo(() => [...sections, rest].map((keys) => pickFields(keys, byKey)), [sections, rest, byKey]),
  )
  // Card handlers read the form through a ref: new handlers per keystroke would re-render all 300 cards.
  const formRef = useRef(form)
  formRef.current = form
  // Mapped when the findings arrive, not per keystroke: they describe the revision that was verified.
  // biome-ignore lint/correctness/useExhaustiveDependencies: getDraft reads the draft the findings came with
  const problemsByField = useMemo(() => {
    const counts = new Map<string, number>()
    const draft = getDraft()
    for (const problem of problems) {
      const target = pointerToSelection(draft, problem.path)
      if (target.kind === 'field' && target.form === form.key)
        counts.set(target.field, (counts.get(target.field) ?? 0) + 1)
    }
    return counts
  }, [problems, form.key])
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
  const selectedSection = selection.kind === 'section' && selection.form === form.key ? selection.index : null
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
      {sections.map((_keys, index) => (
        <CanvasContainer
          // biome-ignore lint/suspicious/noArrayIndexKey: sections have no key of their own; the index is their identity in the format
          key={index}
          form={form.key}
          section={index}
          layout={form.layout?.[index]}
          last={index === sections.length - 1}
          sectionSelected={selectedSection === index}
          restCaption={false}
          fields={lists[index] ?? NO_FIELDS}
          {...handlers}
        />
      ))}
      <CanvasContainer
        form={form.key}
        section={null}
        layout={undefined}
        last
        sectionSelected={false}
        restCaption={sections.length > 0}
        fields={lists[sections.length] ?? NO_FIELDS}
        {...handlers}
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
