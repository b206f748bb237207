import { Drawer, Form, Typography } from 'antd'
import { RobotsEditor } from '../apps/robots-editor.js'
import { RolesEditor } from '../apps/roles-editor.js'
import { LabelInput } from '../common/label-input.js'
import { useDraft } from '../draft/draft-context.js'
import { useT } from '../../../i18n/i18n-context.js'

/** The app's name, roles and chat robots, edited in the draft like everything else (so undo covers them). */
export function AppSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useT()
  const { draft, dispatch, published } = useDraft()
  const locked = new Set((published?.roles ?? []).map((r) => r.key))
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('builder.editor.settings')}
      data-testid="builder-app-settings"
    >
      <Form layout="vertical">
        <Form.Item label={t('builder.common.name')}>
          <LabelInput
            id="builder-app-name"
            name={t('builder.common.name')}
            value={draft.name}
            onChange={(name) =>
              dispatch({ type: 'app/update', patch: { name: name ?? draft.key } }, 'app-name')
            }
          />
        </Form.Item>
        <Form.Item label={t('builder.home.roles')}>
          <RolesEditor
            value={draft.roles}
            locked={locked}
            onChange={(roles) => dispatch({ type: 'roles/set', roles }, 'roles')}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('builder.roles.saveHint')}</Typography.Paragraph>
        <Form.Item label={t('builder.robots.title')} extra={t('builder.robots.hint')}>
          <RobotsEditor
            value={draft.robots ?? []}
            onChange={(robots) => dispatch({ type: 'robots/set', robots }, 'robots')}
          />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
