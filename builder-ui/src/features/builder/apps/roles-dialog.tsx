import type { RoleDefinition } from '@tessera/schemas'
import { useQuery } from '@tanstack/react-query'
import { Alert, Modal, Skeleton, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { AppSummary } from '../../../api/wire-types.js'
import { useT } from '../../../i18n/i18n-context.js'
import { draftQuery } from '../builder-queries.js'
import { KEY_PATTERN } from '../logic/key-from-label.js'
import { RolesEditor } from './roles-editor.js'
import { useEditSavedDraft } from './use-edit-saved-draft.js'

/** The roles editor from the apps home, saved into the app's draft. */
export function RolesDialog({ app, onClose }: { app: AppSummary; onClose: () => void }) {
  const { t, label } = useT()
  const draft = useQuery(draftQuery(app.key))
  const { edit, isPending } = useEditSavedDraft()
  const [roles, setRoles] = useState<RoleDefinition[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (draft.data && roles === null) setRoles(draft.data.definition.roles)
  }, [draft.data, roles])
  const valid =
    roles?.every((r) => KEY_PATTERN.test(r.key)) && new Set(roles.map((r) => r.key)).size === roles.length
  const ok = async () => {
    if (!roles || !valid) return
    try {
      await edit(app.key, (definition) => ({ ...definition, roles }))
      onClose()
    } catch (e) {
      setError(t('builder.rename.failed', { message: e instanceof Error ? e.message : String(e) }))
    }
  }
  return (
    <Modal
      open
      width={720}
      title={t('builder.roles.title', { name: label(app.name, app.key) })}
      onOk={ok}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isPending}
      okButtonProps={{ disabled: !valid }}
    >
      {draft.isPending && <Skeleton active />}
      {draft.isError && (
        <Alert type="error" message={t('common.loadFailed', { message: draft.error.message })} />
      )}
      {roles && <RolesEditor value={roles} onChange={setRoles} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('builder.roles.saveHint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  )
}
