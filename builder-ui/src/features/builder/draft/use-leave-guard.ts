import { Modal } from 'antd'
import { useEffect, useRef } from 'react'
import { useBlocker } from 'react-router'
import { useT } from '../../../i18n/i18n-context.js'
import { isWithin } from '../logic/path-within.js'

/**
 * Asks before leaving the editor while edits are unsaved (a save pending, running or failed): the
 * browser's own prompt for closing or reloading the tab, and a confirm dialog for every in-app
 * navigation away from this app's editor, links and the back button alike (react-router's
 * blocker). Moving between the editor's own tabs is not leaving.
 */
export function useLeaveGuard(app: string, unsaved: boolean) {
  const { t } = useT()
  const unsavedRef = useRef(unsaved)
  unsavedRef.current = unsaved
  const editorPath = `/builder/${encodeURIComponent(app)}`
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsavedRef.current &&
      isWithin(currentLocation.pathname, editorPath) &&
      !isWithin(nextLocation.pathname, editorPath),
  )

  useEffect(() => {
    if (blocker.state !== 'blocked') return
    const dialog = Modal.confirm({
      title: t('builder.editor.leaveTitle'),
      content: t('builder.editor.leaveBody'),
      okText: t('builder.editor.leave'),
      cancelText: t('builder.editor.stay'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    })
    return () => dialog.destroy()
  }, [blocker, t])

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsavedRef.current) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])
}
