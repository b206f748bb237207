import { KEY_PATTERN } from '@tessera/schemas'
import { Alert, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { errorsByField } from '../../api/api-error.js'
import { ApiError } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { userOptions } from './department-panel.js'
import { type Department, orgApi, type PlatformUser } from './org-api.js'
import { useDepartmentChange } from './org-queries.js'

interface NewDepartmentDialogProps {
  departments: Department[]
  users: PlatformUser[]
  /** the department selected in the tree: the new one goes under it unless changed */
  parent: string | null
  /** the new department's key, or nothing when cancelled */
  onClose: (created?: string) => void
}

/** A new department: key (fixed once made), name, parent and head. */
export function NewDepartmentDialog({
  departments,
  users,
  parent: initialParent,
  onClose,
}: NewDepartmentDialogProps) {
  const { t } = useT()
  const [key, setKey] = useState('')
  const [name, setName] = useState('')
  const [parent, setParent] = useState(initialParent ?? '')
  const [head, setHead] = useState<string | undefined>()
  const [error, setError] = useState<ApiError | Error | null>(null)
  const create = useDepartmentChange(orgApi.createDepartment)
  const keyOk = KEY_PATTERN.test(key)
  const fieldErrors = error instanceof ApiError ? errorsByField(error.errors) : {}
  const submit = () =>
    create.mutate(
      { key, name: name.trim(), parent: parent || null, head: head ?? null },
      { onSuccess: (d) => onClose(d.key), onError: setError },
    )
  return (
    <Modal
      open
      title={t('org.newDepartment')}
      okText={t('common.add')}
      okButtonProps={{ disabled: !keyOk || !name.trim(), loading: create.isPending }}
      onOk={submit}
      onCancel={() => onClose()}
    >
      {error && <Alert type="error" showIcon title={t('org.failed', { message: error.message })} />}
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('org.key')}
          help={fieldErrors.key?.join(' ') ?? t('org.keyHelp')}
          validateStatus={fieldErrors.key || (key && !keyOk) ? 'error' : undefined}
        >
          <Input
            aria-label={t('org.key')}
            value={key}
            onChange={(e) => setKey(e.target.value.trim())}
            placeholder="sales_east"
          />
        </Form.Item>
        <Form.Item label={t('org.name')}>
          <Input aria-label={t('org.name')} value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('org.parent')}>
          <Select
            aria-label={t('org.parent')}
            value={parent}
            onChange={setParent}
            options={[
              { value: '', label: t('org.root') },
              ...departments.map((d) => ({ value: d.key, label: `${d.name} (${d.key})` })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('org.head')}>
          <Select
            aria-label={t('org.head')}
            showSearch
            optionFilterProp="label"
            allowClear
            placeholder={t('org.noHead')}
            value={head}
            onChange={setHead}
            options={userOptions(
              users.filter((u) => u.active),
              t('org.inactive'),
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
