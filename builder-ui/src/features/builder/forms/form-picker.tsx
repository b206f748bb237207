import { DeleteOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons'
import type { FormDefinition } from '@tessera/schemas'
import { Button, Popconfirm, Select, Space, Tooltip } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { bothLanguages } from '../common/both-languages.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { uniqueKey } from '../logic/key-from-label.js'

/** Which form the designer shows; add, configure or delete forms. */
export function FormPicker({ form }: { form: FormDefinition | undefined }) {
  const { t, label } = useT()
  const { draft, dispatch, published } = useDraft()
  const { select } = useSelection()
  const add = () => {
    const key = uniqueKey(
      'form',
      draft.forms.map((f) => f.key),
    )
    dispatch({ type: 'form/add', form: { key, title: bothLanguages('builder.form.newTitle'), fields: [] } })
    select({ kind: 'form', form: key })
  }
  const isPublished = !!form && !!published?.forms.some((f) => f.key === form.key)
  return (
    <Space wrap>
      {form && (
        <Select
          aria-label={t('builder.form.select')}
          style={{ minWidth: 200 }}
          value={form.key}
          onChange={(key) => select({ kind: 'form', form: key })}
          options={draft.forms.map((f) => ({ value: f.key, label: `${label(f.title, f.key)} (${f.key})` }))}
        />
      )}
      {form && (
        <Tooltip title={t('builder.form.settings')}>
          <Button
            aria-label={t('builder.form.settings')}
            icon={<SettingOutlined />}
            onClick={() => select({ kind: 'form', form: form.key })}
          />
        </Tooltip>
      )}
      <Button icon={<PlusOutlined />} onClick={add}>
        {t('builder.form.add')}
      </Button>
      {form && !isPublished && (
        <Popconfirm
          title={t('builder.common.confirmDelete', { name: label(form.title, form.key) })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            dispatch({ type: 'form/remove', form: form.key })
            select({ kind: 'app' })
          }}
        >
          <Button danger aria-label={t('builder.form.remove')} icon={<DeleteOutlined />} />
        </Popconfirm>
      )}
    </Space>
  )
}
