import { App } from 'antd'
import { useState } from 'react'
import type { ApiError } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { asLabel } from '../../i18n/label.js'
import type { FormData } from '../forms/logic/form-logic.js'
import type { PendingTransition } from './transition-dialog.js'
import { useTransition } from './record-queries.js'
import { refusalText } from './refusal-text.js'

/**
 * Fires a transition for one record: straight away when it requires nothing, else through the
 * dialog. The outcome goes to `onRefused` / `onDone`, so the kanban can snap a card back.
 */
export function useFireTransition(fieldLabel: (k: string) => string) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const mutation = useTransition()
  const [dialog, setDialog] = useState<{
    id: string
    version: number
    transition: PendingTransition
    initial: FormData
    onRefused?: (m: string) => void
  } | null>(null)
  const [dialogError, setDialogError] = useState<string | null>(null)

  const send = (
    id: string,
    version: number,
    tr: PendingTransition,
    data: FormData,
    onRefused?: (m: string) => void,
  ) =>
    mutation.mutate(
      { id, transition: tr.key, data, version },
      {
        onSuccess: () => {
          setDialog(null)
          message.success(t('record.transitionDone', { transition: label(asLabel(tr.label), tr.key) }))
        },
        onError: (e) => {
          const text = refusalText(e as ApiError, fieldLabel)
          if (dialog || tr.requires.length > 0) setDialogError(text)
          else message.error(t('kanban.refused', { message: text }))
          onRefused?.(text)
        },
      },
    )

  const fire = (
    id: string,
    version: number,
    tr: PendingTransition,
    initial: FormData = {},
    onRefused?: (m: string) => void,
  ) => {
    setDialogError(null)
    if (tr.requires.length > 0) setDialog({ id, version, transition: tr, initial, onRefused })
    else send(id, version, tr, {}, onRefused)
  }
  const cancel = () => {
    dialog?.onRefused?.('')
    setDialog(null)
  }
  const confirm = (data: FormData) => dialog && send(dialog.id, dialog.version, dialog.transition, data)
  return { fire, dialog, dialogError, cancel, confirm, busy: mutation.isPending }
}
