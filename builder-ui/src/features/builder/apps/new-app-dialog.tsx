import { Alert, Form, Input, Modal, Radio } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useT } from '../../../i18n/i18n-context.js'
import { builderApi } from '../builder-api.js'
import { useSaveDraft } from '../builder-queries.js'
import { toLabel } from '../common/label-input.js'
import { KEY_PATTERN, keyFromLabel } from '../logic/key-from-label.js'
import { blankApp, copyOfTemplate } from './blank-app.js'
import { bothLanguages } from '../common/both-languages.js'

interface NewAppDialogProps {
  taken: string[]
  onClose: () => void
}

/** New app: blank, or a copy of the CRM template the server installs (PUT draft under a new key). */
export function NewAppDialog({ taken, onClose }: NewAppDialogProps) {
  const { t } = useT()
  const navigate = useNavigate()
  const save = useSaveDraft()
  const [start, setStart] = useState<'blank' | 'crm'>('blank')
  const [zh, setZh] = useState('')
  const [en, setEn] = useState('')
  const [key, setKey] = useState('')
  const [keyEdited, setKeyEdited] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const shownKey = keyEdited ? key : keyFromLabel(en, taken, 'app')
  const keyError = !KEY_PATTERN.test(shownKey)
    ? t('builder.common.keyInvalid')
    : taken.includes(shownKey)
      ? t('builder.new.keyTaken', { key: shownKey })
      : null
  const name = toLabel(zh, en)

  const create = async () => {
    if (!name || keyError) return
    setError(null)
    try {
      const definition =
        start === 'crm'
          ? copyOfTemplate((await builderApi.published('crm')).definition, shownKey, name)
          : blankApp(shownKey, name, bothLanguages('builder.new.firstForm'))
      await save.mutateAsync(definition)
      onClose()
      navigate(`/builder/${encodeURIComponent(shownKey)}`)
    } catch (e) {
      setError(t('builder.new.failed', { message: e instanceof Error ? e.message : String(e) }))
    }
  }

  return (
    <Modal
      open
      title={t('builder.new.title')}
      okText={t('builder.new.create')}
      cancelText={t('common.cancel')}
      onOk={create}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !name || !!keyError, id: 'builder-new-create' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('builder.new.start')}>
          <Radio.Group value={start} onChange={(e) => setStart(e.target.value)}>
            <Radio.Button value="blank">{t('builder.new.blank')}</Radio.Button>
            <Radio.Button value="crm">{t('builder.new.crm')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('builder.new.nameZh')} htmlFor="builder-new-name-zh">
          <Input id="builder-new-name-zh" value={zh} onChange={(e) => setZh(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('builder.new.nameEn')} htmlFor="builder-new-name-en">
          <Input id="builder-new-name-en" value={en} onChange={(e) => setEn(e.target.value)} />
        </Form.Item>
        <Form.Item
          label={t('builder.new.key')}
          htmlFor="builder-new-key"
          extra={t('builder.new.keyHelp')}
          validateStatus={keyError && (en || keyEdited) ? 'error' : undefined}
          help={en || keyEdited ? (keyError ?? undefined) : undefined}
        >
          <Input
            id="builder-new-key"
            value={shownKey}
            onChange={(e) => {
              setKeyEdited(true)
              setKey(e.target.value)
            }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  )
}
