import { App } from 'antd'
import { useState } from 'react'
import type { ApiError } from '../../api/api-error.js'
import { useT } from '../../i18n/i18n-context.js'
import { asLabel } from '../../i18n/label.js'
import type { FormData } from '../forms/logic/form-logic.js'
import { inFlightLatch } from './in-flight.js'
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
  /** the dialog's last refusal, so its fields can show their own errors */
  const [dialogProblem, setDialogProblem] = useState<unknown>(null)

  // read and set in the click's own event: a double click's second click must find it taken
  const [latch] = useState(inFlightLatch)
  const [moving, setMoving] = useState<ReadonlySet<string>>(() => new Set())

  const send = (id: string, version: number, tr: PendingTransition, data: FormData, options: FireOptions) =>
    latch.run(id, async () => {
      setMoving((m) => new Set([...m, id]))
      try {
        const record = await mutation.mutateAsync({
          id,
          transition: tr.key,
          data: { ...options.carry, ...data },
          version,
        })
        setDialog(null)
        options.onDone?.(record.version)
        message.success(t('record.transitionDone', { transition: label(asLabel(tr.label), tr.key) }))
      } catch (e) {
        const text = refusalText(e as ApiError, fieldLabel)
        if (dialog || tr.requires.length > 0) {
          setDialogError(text)
          setDialogProblem(e)
        } else message.error(t('kanban.refused', { message: text }))
        options.onRefused?.(text)
      } finally {
        setMoving((m) => new Set([...m].filter((x) => x !== id)))
      }
    })

  /** Starts a move: `sent` to the server, or a `dialog` opened for what it requires; false when one is on its way. */
  const fire = (
    id: string,
    version: number,
    tr: PendingTransition,
    initial: FormData = {},
    options: FireOptions = {},
  ): 'sent' | 'dialog' | false => {
    // a move of this record is on its way: a second click (or drag) waits for its answer
    if (latch.isBusy(id)) return false
    setDialogError(null)
    setDialogProblem(null)
    if (tr.requires.length > 0) {
      setDialog({ id, version, transition: tr, initial, options })
      return 'dialog'
    }
    send(id, version, tr, {}, options)
    return 'sent'
  }
  const cancel = () => {
    dialog?.options.onRefused?.('')
    setDialog(null)
  }
  const confirm = (data: FormData) =>
    dialog && send(dialog.id, dialog.version, dialog.transition, data, dialog.options)
  return {
    fire,
    dialog,
    dialogError,
    dialogProblem,
    cancel,
    confirm,
    busy: moving.size > 0,
    /** a move of this record is in flight */
    busyFor: (id: string) => moving.has(id),
  }
}
