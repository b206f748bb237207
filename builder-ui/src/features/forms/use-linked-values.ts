import { useQueries, useQueryClient } from '@tanstack/react-query'
import type { FieldAccess, FieldDefinition, FormDefinition } from '@tessera/schemas'
import { useCallback, useMemo, useRef } from 'react'
import { api } from '../../api/api.js'
import type { FormData } from './logic/form-logic.js'
import { applyFill, isWritable, lookupSource } from './logic/linked-fields.js'

// the key RelationPicker and the record page use: a record fetched once serves them all
const recordKey = (id: string) => ['record', id] as const

/**
 * Lookups as the form stands: a lookup follows its relation's current choice at once (the related
 * record fetched through the API), before the record is saved. While that record loads, or when it
 * cannot be read, the value the server sent stays. Keyed by lookup; absent = keep the form's value.
 */
export function useLiveLookups(
  form: FormDefinition,
  value: FormData,
  app: string | undefined,
  access: Record<string, FieldAccess>,
) {
  const lookups = useMemo(() => form.fields.filter((f) => f.type === 'lookup'), [form])
  const ids = lookups.map((f) => lookupSource(form, f, value))
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))]
  const results = useQueries({
    queries: wanted.map((id) => ({
      queryKey: recordKey(id),
      queryFn: () => api.record(id),
      enabled: Boolean(app),
      retry: false,
    })),
  })
  const out: Record<string, { value: unknown }> = {}
  lookups.forEach((f, i) => {
    const id = ids[i]
    // a relation withheld from me: the server's value is all there is
    if (f.relation === undefined || access[f.relation] === 'hidden') return
    if (id === undefined) {
      out[f.key] = { value: undefined }
      return
    }
    const data = results[wanted.indexOf(id)]?.data?.data
    if (data && f.field !== undefined) out[f.key] = { value: data[f.field] }
  })
  return out
}

/**
 * Data linkage in the form: `onPick(relation, id)` fetches the chosen record and fills the fields
 * its `fill` maps (applyFill). `typed(key)` marks a field the person changed, which keeps their value.
 * A slow answer for a record no longer chosen is dropped.
 */
export function useRelationFill(
  form: FormDefinition,
  latest: { readonly current: FormData },
  onChange: (value: FormData) => void,
  access: Record<string, FieldAccess>,
  enabled: boolean,
) {
  const qc = useQueryClient()
  const typedKeys = useRef(new Set<string>())
  const typed = useCallback((key: string) => typedKeys.current.add(key), [])
  const onPick = useCallback(
    async (relation: FieldDefinition, id: unknown) => {
      if (!enabled || relation.type !== 'relation' || !relation.fill || relation.multiple) return
      if (typeof id !== 'string') return
      let chosen: Record<string, unknown>
      try {
        chosen = (await qc.fetchQuery({ queryKey: recordKey(id), queryFn: () => api.record(id) })).data
      } catch {
        return // the server fills what it can on save
      }
      if (latest.current[relation.key] !== id) return
      const writable = (f: FieldDefinition) => isWritable(f, access)
      const next = applyFill(form, relation, chosen, latest.current, typedKeys.current, writable)
      if (next !== latest.current) onChange(next)
    },
    [enabled, qc, latest, form, access, onChange],
  )
  return { typed, onPick }
}
