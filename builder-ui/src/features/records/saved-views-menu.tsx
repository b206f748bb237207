import { App, Button, Checkbox, Dropdown, Input, Modal } from 'antd'
import type { MenuProps } from 'antd'
import type { ViewDefinition } from '@tessera/schemas'
import { useState } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { type SavedView, useSavedViews } from './saved-views.js'
import type { TableState } from './use-table-state.js'

type Naming = { mode: 'save' } | { mode: 'rename'; view: SavedView }

/**
 * The views of this form kept on the server: mine and those shared with me. Apply one, save the
 * current setup (optionally shared with the app's members), rename or delete what I may edit.
 */
export interface SavedViewsMenuProps {
  app: string
  formKey: string
  state: TableState
  /** the table views the app's definition ships for this form */
  appViews: ViewDefinition[]
  /** the columns of "all records" */
  defaultColumns: string[]
}

export function SavedViewsMenu({ app, formKey, state, appViews, defaultColumns }: SavedViewsMenuProps) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const { views, create, update, remove } = useSavedViews(app, formKey)
  const [naming, setNaming] = useState<Naming | null>(null)
  const [name, setName] = useState('')
  const [shared, setShared] = useState(false)
  const mine = views.filter((v) => v.mine)
  const others = views.filter((v) => !v.mine)
  const entry = (v: SavedView) => ({
    key: `v:${v.id}`,
    label: v.mine ? v.name : `${v.name} · ${v.ownerName ?? ''}`,
  })
  const editable = views.filter((v) => v.canEdit)
  const items: MenuProps['items'] = [
    ...(appViews.length
      ? [
          {
            type: 'group' as const,
            label: t('records.appViews'),
            children: [
              { key: 'a:', label: t('records.allRecords') },
              ...appViews.map((v) => ({ key: `a:${v.key}`, label: label(v.title, v.key) })),
            ],
          },
        ]
      : []),
    ...(mine.length
      ? [{ type: 'group' as const, label: t('records.myViews'), children: mine.map(entry) }]
      : []),
    ...(others.length
      ? [{ type: 'group' as const, label: t('records.sharedViews'), children: others.map(entry) }]
      : []),
    ...(views.length ? [{ type: 'divider' as const }] : []),
    { key: 'save', label: t('records.saveView') },
    ...editable.map((v) => ({ key: `r:${v.id}`, label: `${t('records.renameView')}: ${v.name}` })),
    ...editable.map((v) => ({
      key: `d:${v.id}`,
      label: `${t('records.deleteView')}: ${v.name}`,
      danger: true,
    })),
  ]
  const failed = (e: Error) => message.error(e.message)
  const settings = () => ({
    filters: state.filters,
    q: state.q,
    ...(state.sort ? { sort: state.sort } : {}),
    columns: state.columns,
    ...(Object.keys(state.widths).length > 0 ? { widths: state.widths } : {}),
    ...(state.appView ? { appView: state.appView } : {}),
    ...(Object.keys(state.baseFilter).length > 0 ? { baseFilter: state.baseFilter } : {}),
  })
  const close = () => {
    setNaming(null)
    setName('')
    setShared(false)
  }
  return (
    <>
      <Dropdown
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'save') return setNaming({ mode: 'save' })
            if (key.startsWith('a:'))
              return state.openAppView(
                appViews.find((v) => v.key === key.slice(2)),
                defaultColumns,
              )
            const view = views.find((v) => key.slice(2) === v.id)
            if (!view) return
            if (key.startsWith('v:')) state.apply(view.settings)
            if (key.startsWith('r:')) {
              setName(view.name)
              setShared(view.shared)
              setNaming({ mode: 'rename', view })
            }
            if (key.startsWith('d:')) remove.mutate(view.id, { onError: failed })
          },
        }}
      >
        <Button>{t('records.views')}</Button>
      </Dropdown>
      <Modal
        open={naming !== null}
        title={naming?.mode === 'rename' ? t('records.renameView') : t('records.saveView')}
        okButtonProps={{ disabled: !name.trim(), loading: create.isPending || update.isPending }}
        onCancel={close}
        onOk={() => {
          const done = { onSuccess: close, onError: failed }
          if (naming?.mode === 'rename')
            update.mutate({ id: naming.view.id, change: { name: name.trim(), shared } }, done)
          else create.mutate({ name: name.trim(), shared, settings: settings() }, done)
        }}
      >
        <Input
          aria-label={t('records.viewName')}
          placeholder={t('records.viewName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)} style={{ marginTop: 12 }}>
          {t('records.shareView')}
        </Checkbox>
      </Modal>
    </>
  )
}
