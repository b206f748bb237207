import { Button, Dropdown, Input, Modal } from 'antd'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { deleteView, loadViews, saveView } from './saved-views.js'
import type { TableState } from './use-table-state.js'

/** The user's own views of this form (kept in this browser): apply, save the current one, delete. */
export function SavedViewsMenu({ app, formKey, state }: { app: string; formKey: string; state: TableState }) {
  const { t } = useT()
  const [views, setViews] = useState(() => loadViews(app, formKey))
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const items = [
    ...views.map((v) => ({ key: `v:${v.name}`, label: v.name })),
    ...(views.length ? [{ type: 'divider' as const }] : []),
    { key: 'save', label: t('records.saveView') },
    ...views.map((v) => ({
      key: `d:${v.name}`,
      label: `${t('records.deleteView')}: ${v.name}`,
      danger: true,
    })),
  ]
  return (
    <>
      <Dropdown
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'save') return setNaming(true)
            const v = views.find((x) => `v:${x.name}` === key)
            if (v) return state.apply(v)
            const d = views.find((x) => `d:${x.name}` === key)
            if (d) setViews(deleteView(app, formKey, d.name))
          },
        }}
      >
        <Button>{t('records.views')}</Button>
      </Dropdown>
      <Modal
        open={naming}
        title={t('records.saveView')}
        okButtonProps={{ disabled: !name.trim() }}
        onCancel={() => setNaming(false)}
        onOk={() => {
          setViews(
            saveView(app, formKey, {
              name: name.trim(),
              filters: state.filters,
              q: state.q,
              sort: state.sort,
              columns: state.columns,
            }),
          )
          setNaming(false)
          setName('')
        }}
      >
        <Input
          aria-label={t('records.viewName')}
          placeholder={t('records.viewName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Modal>
    </>
  )
}
