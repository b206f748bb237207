import type { RoleDefinition } from '@tessera/schemas'
import { Alert, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { type BuilderMember, memberName, type UserSummary } from '../builder-api.js'
import { usePutMember } from '../builder-queries.js'

interface MemberFormProps {
  app: string
  member: BuilderMember | null
  users: UserSummary[]
  roles: RoleDefinition[]
  onClose: () => void
}

/** Splits attributes into the two the CRM rules use (region, manager) and the rest as JSON. */
export function splitAttributes(attributes: Record<string, unknown> = {}) {
  const { region, manager, ...rest } = attributes
  return {
    region: typeof region === 'string' ? region : '',
    manager: typeof manager === 'string' ? manager : undefined,
    rest: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '',
  }
}

/** Adds or edits one member: roles and attributes, PUT /api/apps/:app/members/:user. */
export function MemberForm({ app, member, users, roles, onClose }: MemberFormProps) {
  const { t, label } = useT()
  const put = usePutMember(app)
  const initial = splitAttributes(member?.attributes)
  const [user, setUser] = useState<string | undefined>(member?.userId)
  const [memberRoles, setMemberRoles] = useState<string[]>(member?.roles ?? [])
  const [region, setRegion] = useState(initial.region)
  const [manager, setManager] = useState<string | undefined>(initial.manager)
  const [rest, setRest] = useState(initial.rest)
  const [error, setError] = useState<string | null>(null)
  const userOptions = users.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))

  const ok = async () => {
    if (!user) return
    let other: Record<string, unknown> = {}
    if (rest.trim()) {
      try {
        const parsed: unknown = JSON.parse(rest)
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object')
        other = parsed as Record<string, unknown>
      } catch {
        setError(t('builder.members.badJson'))
        return
      }
    }
    const attributes = {
      ...other,
      ...(region.trim() && { region: region.trim() }),
      ...(manager && { manager }),
    }
    try {
      await put.mutateAsync({ user, roles: memberRoles, attributes })
      onClose()
    } catch (e) {
      setError(t('builder.members.failed', { message: e instanceof Error ? e.message : String(e) }))
    }
  }

  return (
    <Modal
      open
      title={member ? memberName(member) : t('builder.members.add')}
      onOk={ok}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      okButtonProps={{ disabled: !user }}
    >
      <Form layout="vertical">
        <Form.Item label={t('builder.members.user')}>
          <Select
            showSearch
            optionFilterProp="label"
            disabled={!!member}
            placeholder={t('builder.members.pickUser')}
            value={user}
            onChange={setUser}
            options={userOptions}
          />
        </Form.Item>
        <Form.Item label={t('builder.members.roles')}>
          <Select
            mode="multiple"
            value={memberRoles}
            onChange={setMemberRoles}
            options={roles.map((r) => ({ value: r.key, label: label(r.label, r.key) }))}
          />
        </Form.Item>
        <Form.Item label={t('builder.members.region')}>
          <Input value={region} onChange={(e) => setRegion(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('builder.members.manager')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            value={manager}
            onChange={setManager}
            options={userOptions.filter((o) => o.value !== user)}
          />
        </Form.Item>
        <Form.Item label={t('builder.members.otherAttributes')}>
          <Input.TextArea rows={3} value={rest} onChange={(e) => setRest(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  )
}
