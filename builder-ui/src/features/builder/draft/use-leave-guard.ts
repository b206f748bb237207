import { Modal } from 'antd'
import { useEffect, useRef } from 'react'
import { useNavigate } from 'react-router'
import { useT } from '../../../i18n/i18n-context.js'

/**
 * Asks before leaving the editor with unsaved changes: the browser's own prompt for closing or
 * reloading the tab, and a confirm dialog for in-app links. The shell mounts a BrowserRouter, where
 * react-router's useBlocker is unavailable, so links are intercepted in the capture phase instead.
 */
export function useLeaveGuard(dirty: boolean) {
  const { t } = useT()
  const navigate = useNavigate()
  const dirtyRef = useRef(dirty)
  dirtyRef.current = dirty

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return
      event.preventDefault()
      event.returnValue = ''
    }
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === '_blank') return
      const url = new URL(anchor.href, window.location.href)
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return
      event.preventDefault()
      event.stopPropagation()
      Modal.confirm({
        title: t('builder.editor.leaveTitle'),
        content: t('builder.editor.leaveBody'),
        okText: t('builder.editor.leave'),
        cancelText: t('builder.editor.stay'),
        okButtonProps: { danger: true },
        onOk: () => {
          dirtyRef.current = false
          navigate(url.pathname + url.search + url.hash)
        },
      })
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      document.removeEventListener('click', onClick, true)
    }
  }, [navigate, t])
}
