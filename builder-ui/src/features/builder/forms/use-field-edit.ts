import type { FieldDefinition, FormDefinition } from '@tessera/schemas'
import { useCallback } from 'react'
import { useDraftActions } from '../draft/draft-context.js'

/** `update(patch, coalesce?)` for one field; typing into one property merges into one undo step. */
export function useFieldEdit(form: FormDefinition, field: FieldDefinition) {
  const { dispatch } = useDraftActions()
  return useCallback(
    (patch: Partial<FieldDefinition>, property?: string) =>
      dispatch(
        { type: 'field/update', form: form.key, field: field.key, patch },
        property ? `field:${form.key}:${field.key}:${property}` : undefined,
      ),
    [dispatch, form.key, field.key],
  )
}
