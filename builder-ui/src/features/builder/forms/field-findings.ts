import type { AppDefinition, FieldDefinition, FormDefinition, Problem } from '@tessera/schemas'
import { useCallback } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { selectionPointer } from '../logic/pointer-to-selection.js'
import { problemText } from '../verify/problem-text.js'

/** The findings at `pointer` or under it (`/forms/0/fields/3/fill` holds `/fill/amount`). */
export function findingsAt(problems: readonly Problem[], pointer: string): Problem[] {
  return problems.filter((p) => p.path === pointer || p.path.startsWith(`${pointer}/`))
}

/** `/forms/i/fields/j` of a field in the draft, or null when it is not there. */
export const fieldPointer = (draft: AppDefinition, form: FormDefinition, field: FieldDefinition) =>
  selectionPointer(draft, { kind: 'field', form: form.key, field: field.key })

/**
 * The verifier's findings on one property of a field, as texts in the reader's language, for the
 * property panel to show beside the input (the canvas card counts them, the problem list goes there).
 */
export function useFieldFindings(form: FormDefinition, field: FieldDefinition) {
  const { problems } = useSelection()
  const { draft } = useDraft()
  const { lang } = useT()
  const base = fieldPointer(draft, form, field)
  return useCallback(
    (property: string) =>
      base === null ? [] : findingsAt(problems, `${base}/${property}`).map((p) => problemText(p, lang)),
    [problems, base, lang],
  )
}

/** antd Form.Item props that show the findings of one property. */
export const findingStatus = (texts: string[]) =>
  texts.length > 0 ? { validateStatus: 'error' as const, help: texts.join(' ') } : {}
