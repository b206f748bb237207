import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { ViewDefinition } from '@tessera/schemas'
import { Button, Card, Empty, Flex, Form, Input, Select, Space } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'

/** Views tab: saved table, kanban and calendar views of a form, shared by the whole app. */
export function ViewsEditor() {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const { selection } = useSelection()
  const views = draft.views ?? []
  const set = (next: ViewDefinition[], coalesce?: string) =>
    dispatch({ type: 'views/set', views: next }, coalesce)
  const update = (index: number, patch: Partial<ViewDefinition>, coalesce?: string) =>
    set(
      views.map((v, i) => (i === index ? { ...v, ...patch } : v)),
      coalesce,
    )
  const add = () => {
    const form = draft.forms[0]
    if (!form) return
    set([
      ...views,
      {
        key: uniqueKey(
          'view',
          views.map((v) => v.key),
        ),
        title: bothLanguages('builder.views.newTitle'),
        form: form.key,
        type: 'table',
      },
    ])
  }
  return (
    <Flex vertical gap={12}>
      <Button
        icon={<PlusOutlined />}
        onClick={add}
        disabled={draft.forms.length === 0}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('builder.views.add')}
      </Button>
      {views.length === 0 && <Empty description={t('builder.views.none')} />}
      {views.map((view, index) => {
        const form = draft.forms.find((f) => f.key === view.form)
        const fieldOptions = (form?.fields ?? []).map((f) => ({ value: f.key, label: label(f.label, f.key) }))
        const focused = selection.kind === 'view' && selection.view === view.key
        return (
          <Card
            key={view.key}
            size="small"
            style={focused ? { borderColor: '#3056d3' } : undefined}
            title={label(view.title, view.key)}
            extra={
              <Button
                danger
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('builder.common.remove')}
                onClick={() => set(views.filter((_, i) => i !== index))}
              />
            }
          >
            <Form layout="vertical" size="small">
              <Space wrap align="start">
                <Form.Item label={t('builder.common.key')}>
                  <KeyInput
                    value={view.key}
                    locked={!!published?.views?.some((v) => v.key === view.key)}
                    taken={views.map((v) => v.key)}
                    onCommit={(key) => update(index, { key })}
                  />
                </Form.Item>
                <Form.Item label={t('builder.common.label')} style={{ minWidth: 220 }}>
                  <LabelInput
                    name={t('builder.common.label')}
                    value={view.title}
                    onChange={(title) => update(index, { title }, `view-title:${index}`)}
                  />
                </Form.Item>
                <Form.Item label={t('builder.views.form')}>
                  <Select
                    style={{ minWidth: 160 }}
                    value={view.form}
                    onChange={(key) =>
                      update(index, { form: key, columns: undefined, groupBy: undefined, sort: undefined })
                    }
                    options={draft.forms.map((f) => ({ value: f.key, label: label(f.title, f.key) }))}
                  />
                </Form.Item>
                <Form.Item label={t('builder.views.type')}>
                  <Select
                    style={{ minWidth: 120 }}
                    value={view.type ?? 'table'}
                    onChange={(type) => update(index, { type })}
                    options={(['table', 'kanban', 'calendar'] as const).map((type) => ({
                      value: type,
                      label: t(`builder.views.${type}`),
                    }))}
                  />
                </Form.Item>
              </Space>
              <Form.Item label={t('builder.views.columns')}>
                <Select
                  mode="multiple"
                  value={view.columns ?? []}
                  onChange={(columns) => update(index, { columns: columns.length ? columns : undefined })}
                  options={fieldOptions}
                />
              </Form.Item>
              <Space wrap>
                <Form.Item label={t('builder.views.sort')}>
                  <Input
                    style={{ width: 200 }}
                    placeholder="-created_at"
                    value={view.sort ?? ''}
                    onChange={(e) =>
                      update(index, { sort: e.target.value || undefined }, `view-sort:${index}`)
                    }
                  />
                </Form.Item>
                <Form.Item label={t('builder.views.groupBy')}>
                  <Select
                    allowClear
                    style={{ width: 200 }}
                    value={view.groupBy}
                    onChange={(groupBy) => update(index, { groupBy })}
                    options={[{ value: 'state', label: 'state' }, ...fieldOptions]}
                  />
                </Form.Item>
              </Space>
            </Form>
          </Card>
        )
      })}
    </Flex>
  )
}
