import {
  CheckOutlined,
  CloudUploadOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
} from '@ant-design/icons'
import { Button, Space, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import type { SaveStatus } from '../draft/use-autosave.js'

/** Where the draft stands against the server: saving, saved, unsaved, or failed with a retry. */
export function SaveStatusText({
  status,
  dirty,
  saveNow,
}: {
  status: SaveStatus
  dirty: boolean
  saveNow: () => void
}) {
  const { t } = useT()
  if (status.kind === 'saving') {
    return (
      <Typography.Text type="secondary" data-testid="builder-save-status" data-status="saving">
        <LoadingOutlined /> {t('builder.editor.saving')}
      </Typography.Text>
    )
  }
  if (status.kind === 'error') {
    return (
      <Space data-testid="builder-save-status" data-status="error">
        <Typography.Text type="danger">
          <ExclamationCircleOutlined /> {t('builder.editor.saveFailed', { message: status.message })}
        </Typography.Text>
        <Button size="small" onClick={saveNow}>
          {t('builder.editor.saveNow')}
        </Button>
      </Space>
    )
  }
  return (
    <Typography.Text
      type="secondary"
      data-testid="builder-save-status"
      data-status={dirty ? 'dirty' : 'saved'}
    >
      {dirty ? <CloudUploadOutlined /> : <CheckOutlined />}{' '}
      {t(dirty ? 'builder.editor.unsaved' : 'builder.editor.saved')}
    </Typography.Text>
  )
}
