import {
  ArrowLeftOutlined,
  RedoOutlined,
  SettingOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { Badge, Button, Drawer, Flex, Space, Tabs, Tooltip, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { useT } from '../../../i18n/i18n-context.js'
import { AutomationsTab } from '../automations/automations-tab.js'
import { useDraftActions, useDraftSelector } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { useLeaveGuard } from '../draft/use-leave-guard.js'
import { useUndoKeys } from '../draft/use-undo-keys.js'
import { FormDesigner } from '../forms/form-designer.js'
import type { EditorTab } from '../logic/selection.js'
import { PublishTab } from '../publish/publish-tab.js'
import { VerificationPanel } from '../verify/verification-panel.js'
import { ViewsEditor } from '../views/views-editor.js'
import { WorkflowDesigner } from '../workflows/workflow-designer.js'
import { AppSettings } from './app-settings.js'
import { useEditorSync } from './editor-sync.js'
import { SaveStatusText } from './save-status.js'

// One element each for the life of the page: a new element would re-render the whole designer.
const DESIGNERS = {
  forms: <FormDesigner />,
  workflows: <WorkflowDesigner />,
  views: <ViewsEditor />,
  automations: <AutomationsTab />,
}

/** The editor's frame: header with save state, undo/redo and problems; the four tabs below. */
export function EditorShell() {
  const { t, label } = useT()
  const navigate = useNavigate()
  const { app, undo, redo } = useDraftActions()
  const name = useDraftSelector((s) => s.history.present.name)
  const key = useDraftSelector((s) => s.history.present.key)
  const canUndo = useDraftSelector((s) => s.history.past.length > 0)
  const canRedo = useDraftSelector((s) => s.history.future.length > 0)
  const { tab, setTab, setProblems } = useSelection()
  const sync = useEditorSync()
  const { dirty } = sync
  const verify = { problems: sync.problems, checking: sync.checking, error: sync.verifyError }
  const autosave = { status: sync.status, saveNow: sync.saveNow }
  const [problemsOpen, setProblemsOpen] = useState(false)
  const [settingsOpen, setSettingsOpen] = useState(false)
  useUndoKeys(undo, redo)
  useLeaveGuard(app, dirty || autosave.status.kind === 'saving')
  useEffect(() => setProblems(verify.problems), [verify.problems, setProblems])
  useEffect(() => {
    navigate(`/builder/${encodeURIComponent(app)}/${tab}`, { replace: true })
  }, [app, tab, navigate])

  const saving = dirty || autosave.status.kind !== 'idle'
  const items = useMemo<{ key: EditorTab; label: string; children: React.ReactNode }[]>(
    () => [
      { key: 'forms', label: t('builder.tab.forms'), children: DESIGNERS.forms },
      { key: 'workflows', label: t('builder.tab.workflows'), children: DESIGNERS.workflows },
      { key: 'views', label: t('builder.tab.views'), children: DESIGNERS.views },
      { key: 'automations', label: t('builder.tab.automations'), children: DESIGNERS.automations },
      {
        key: 'publish',
        label: t('builder.tab.publish'),
        children: <PublishTab problems={verify.problems} verifying={verify.checking} saving={saving} />,
      },
    ],
    [t, verify.problems, verify.checking, saving],
  )
  return (
    <Flex vertical gap={8} style={{ minHeight: 0 }}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Space>
          <Link to="/builder">
            <ArrowLeftOutlined /> {t('builder.editor.back')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {label(name, key)}
          </Typography.Title>
          <SaveStatusText status={autosave.status} dirty={dirty} saveNow={autosave.saveNow} />
        </Space>
        <Space>
          <Button
            icon={<SettingOutlined />}
            onClick={() => setSettingsOpen(true)}
            data-testid="builder-app-settings-button"
          >
            {t('builder.editor.settings')}
          </Button>
          <Tooltip title={t('builder.editor.undo')}>
            <Button
              aria-label={t('builder.editor.undo')}
              icon={<UndoOutlined />}
              disabled={!canUndo}
              onClick={undo}
            />
          </Tooltip>
          <Tooltip title={t('builder.editor.redo')}>
            <Button
              aria-label={t('builder.editor.redo')}
              icon={<RedoOutlined />}
              disabled={!canRedo}
              onClick={redo}
            />
          </Tooltip>
          <Badge count={verify.problems.length} size="small">
            <Button
              data-testid="builder-problems-button"
              icon={<WarningOutlined />}
              danger={verify.problems.length > 0}
              onClick={() => setProblemsOpen(true)}
            >
              {verify.problems.length
                ? verify.problems.length === 1
                  ? t('builder.verify.countOne')
                  : t('builder.verify.count', { n: verify.problems.length })
                : t('builder.verify.title')}
            </Button>
          </Badge>
        </Space>
      </Flex>
      <Tabs activeKey={tab} onChange={(key) => setTab(key as EditorTab)} items={items} destroyOnHidden />
      <AppSettings open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <Drawer
        open={problemsOpen}
        mask={false}
        size={420}
        title={t('builder.verify.title')}
        onClose={() => setProblemsOpen(false)}
      >
        <VerificationPanel
          problems={verify.problems}
          checking={verify.checking}
          error={verify.error}
          // close on a pick so the focused field or state is not under the drawer
          onPicked={() => setProblemsOpen(false)}
        />
      </Drawer>
    </Flex>
  )
}
