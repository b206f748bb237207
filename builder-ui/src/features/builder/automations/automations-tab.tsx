import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { AutomationDefinition, AutomationTriggerKind } from '@tessera/schemas'
import { Button, Dropdown, Empty, Flex, List, Popconfirm, Tabs, Tag, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { AutomationEditor } from './automation-editor.js'
import {
  addAutomation,
  duplicateAutomation,
  removeAutomation,
  replaceAutomation,
  TRIGGER_KINDS,
} from './automation-list.js'
import { RunLog } from './run-log.js'
import { TestRunPanel } from './test-run-panel.js'

/** The Automations tab: the app's automations on the left, the selected one's editor, test run and run log. */
export function AutomationsTab() {
  const { t, label } = useT()
  const { draft, dispatch } = useDraft()
  const { selection, select, problems } = useSelection()
  const list = draft.automations ?? []
  const selectedKey = selection.kind === 'automation' ? selection.automation : undefined
  const current = list.find((a) => a.key === selectedKey) ?? list[0]
  const save = (automations: AutomationDefinition[], coalesce?: string) =>
    dispatch({ type: 'automations/set', automations }, coalesce)
  const pick = (key: string) => select({ kind: 'automation', automation: key })
  const problemCount = (index: number) =>
    problems.filter((p) => p.path === `/automations/${index}` || p.path.startsWith(`/automations/${index}/`))
      .length
  const add = (kind: AutomationTriggerKind) => {
    const next = addAutomation(list, kind, draft)
    save(next)
    const added = next[next.length - 1]
    if (added) pick(added.key)
  }
  return (
    <Flex gap={16} align="flex-start" data-testid="builder-automations">
      <Flex vertical gap={8} style={{ width: 300, flex: 'none' }}>
        <Dropdown
          trigger={['click']}
          menu={{
            items: TRIGGER_KINDS.map((kind) => ({
              key: kind,
              label: t(`builder.automation.trigger.${kind}`),
              'data-testid': `builder-add-automation-${kind}`,
            })),
            onClick: ({ key }) => add(key as AutomationTriggerKind),
          }}
        >
          <Button icon={<PlusOutlined />} data-testid="builder-add-automation">
            {t('builder.automation.add')}
          </Button>
        </Dropdown>
        {list.length === 0 ? (
          <Empty description={t('builder.automation.empty')} />
        ) : (
          <List
            size="small"
            bordered
            dataSource={list}
            renderItem={(a, index) => (
              <List.Item
                data-testid={`builder-automation-item-${a.key}`}
                style={{
                  cursor: 'pointer',
                  background: a.key === current?.key ? 'var(--ant-color-primary-bg)' : undefined,
                }}
                onClick={() => pick(a.key)}
                actions={[
                  <Button
                    key="copy"
                    size="small"
                    type="text"
                    aria-label={t('builder.automation.duplicate')}
                    icon={<CopyOutlined />}
                    onClick={(e) => {
                      e.stopPropagation()
                      const next = duplicateAutomation(list, a.key)
                      save(next)
                      const copy = next[index + 1]
                      if (copy) pick(copy.key)
                    }}
                  />,
                  <Popconfirm
                    key="remove"
                    title={t('builder.automation.removeConfirm')}
                    onConfirm={(e) => {
                      e?.stopPropagation()
                      save(removeAutomation(list, a.key))
                    }}
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      aria-label={t('builder.common.remove')}
                      icon={<DeleteOutlined />}
                      onClick={(e) => e.stopPropagation()}
                    />
                  </Popconfirm>,
                ]}
              >
                <Flex vertical>
                  <Typography.Text strong>{label(a.label, a.key)}</Typography.Text>
                  <Flex gap={4}>
                    <Tag>{t(`builder.automation.trigger.${a.trigger.on}`)}</Tag>
                    {problemCount(index) > 0 && (
                      <Tag color="error">
                        {problemCount(index) === 1
                          ? t('builder.verify.countOne')
                          : t('builder.verify.count', { n: problemCount(index) })}
                      </Tag>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Flex>
      <div style={{ flex: 1, minWidth: 0 }}>
        {current ? (
          <Tabs
            destroyOnHidden
            items={[
              {
                key: 'edit',
                label: t('builder.automation.tab.edit'),
                children: (
                  <AutomationEditor
                    key={current.key}
                    value={current}
                    taken={list.filter((a) => a.key !== current.key).map((a) => a.key)}
                    onChange={(next, coalesce) => {
                      save(replaceAutomation(list, current.key, next), coalesce)
                      if (next.key !== current.key) pick(next.key)
                    }}
                  />
                ),
              },
              {
                key: 'test',
                label: t('builder.automation.tab.test'),
                children: <TestRunPanel key={current.key} automation={current} />,
              },
              {
                key: 'runs',
                label: t('builder.automation.tab.runs'),
                children: <RunLog key={current.key} automation={current.key} />,
              },
            ]}
          />
        ) : (
          <Empty description={t('builder.automation.pick')} />
        )}
      </div>
    </Flex>
  )
}
