import { App } from 'antd'
import { useState } from 'react'
import type { ApiError } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { asLabel } from '../../i18n/label.js'
import type { FormData } from '../forms/logic/form-logic.js'
import type { PendingTransition } from './transition-dialog.js'
import { useTransition } from './record-queries.js'
import { refusalText } from './refusal-text.js'

/** What else goes with one move. */
export interface FireOptions {
  /** told the refusal's text (empty when the dialog was cancelled), e.g. to snap a kanban card back */
  onRefused?: (m: string) => void
  /** fields sent with the move besides the dialog's: the edits on screen that are not saved yet */
  carry?: FormData
  /** the move was stored as this version */
  onDone?: (version: number) => void
}

interface OpenDialog {
  id: string
  version: number
  transition: PendingTransition
  initial: FormData
  options: FireOptions
}

/**
 * Fires a transition for one record: straight away when it requires nothing, else through the
 * dialog. The outcome goes to the options' `onRefused` / `onDone`, so the kanban can snap a card
 * back and the record page's form can take the record as the move left it.
 */
export function useFireTransition(fieldLabel: (k: string) => string) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const mutation = useTransition()
  const [dialog, setDialog] = useState<OpenDialog | null>(null)
  const [dialogError, setDialogError] = useState<string | null>(null)

  const send = (id: string, version: number, tr: PendingTransition, data: FormData, options: FireOptions) =>
    mutation.mutate(
      { id, transition: tr.key, data: { ...options.carry, ...data }, version },
      {
        onSuccess: (record) => {
          setDialog(null)
          options.onDone?.(record.version)
          message.success(t('record.transitionDone', { transition: label(asLabel(tr.label), tr.key) }))
        },
        onError: (e) => {
          const text = refusalText(e as ApiError, fieldLabel)
          if (dialog || tr.requires.length > 0) setDialogError(text)
          else message.error(t('kanban.refused', { message: text }))
          options.onRefused?.(text)
        },
      },
    )

  const fire = (
    id: string,
    version: number,
    tr: PendingTransition,
    initial: FormData = {},
    options: FireOptions = {},
  ) => {
    setDialogError(null)
    if (tr.requires.length > 0) setDialog({ id, version, transition: tr, initial, options })
    else send(id, version, tr, {}, options)
  }
  const cancel = () => {
    dialog?.options.onRefused?.('')
    setDialog(null)
  }
  const confirm = (data: FormData) =>
    dialog && send(dialog.id, dialog.version, dialog.transition, data, dialog.options)
  return { fire, dialog, dialogError, cancel, confirm, busy: mutation.isPending }
}
