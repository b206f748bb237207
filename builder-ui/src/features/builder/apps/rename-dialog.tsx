import type { Label } from '@tessera/schemas'
import { Alert, Form, Modal } from 'antd'
import { useState } from 'react'
import type { AppSummary } from '../../../api/wire-types.js'
import { useT } from '../../../i18n/i18n-context.js'
import { LabelInput } from '../common/label-input.js'
import { useEditSavedDraft } from './use-edit-saved-draft.js'

/** Renames an app (its name; the key is permanent). The new name is published with the next version. */
export function RenameDialog({ app, onClose }: { app: AppSummary; onClose: () => void }) {
  const { t, label } = useT()
  const { edit, isPending } = useEditSavedDraft()
  const [name, setName] = useState<Label | undefined>(app.name)
  const [error, setError] = useState<string | null>(null)
  const ok = async () => {
    if (!name) return
    try {
      await edit(app.key, (draft) => ({ ...draft, name }))
      onClose()
    } catch (e) {
      setError(t('builder.rename.failed', { message: e instanceof Error ? e.message : String(e) }))
    }
  }
  return (
    <Modal
      open
      title={t('builder.rename.title', { name: label(app.name, app.key) })}
      onOk={ok}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isPending}
      okButtonProps={{ disabled: !name }}
    >
      <Form layout="vertical">
        <LabelInput id="builder-rename" name={t('builder.common.name')} value={name} onChange={setName} />
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  )
}
