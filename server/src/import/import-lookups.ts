import type { ColumnMapping, FieldDefinition, FormDefinition } from '@tessera/schemas'
import { importError } from './import-error.js'
import type { RunImportOptions } from './import-types.js'
import { type LookupTable, memberLookup, recordLookup } from './lookups.js'

/** The tables relation and user cells are matched against, one per mapped field. */
export async function buildLookups(
  options: RunImportOptions,
  maps: ColumnMapping[],
  fields: Map<string, FieldDefinition>,
) {
  const lookups = new Map<string, LookupTable>()
  let members: LookupTable | undefined
  for (const m of maps) {
    const field = fields.get(m.field)
    if (field?.type === 'user') {
      members ??= await memberLookup(options.store, options.app.key)
      lookups.set(m.field, members)
    } else if (field?.type === 'relation') {
      const target = m.lookup?.form ?? field.target
      if (!target)
        throw importError('MAPPING', {
          'zh-CN': `关联字段 ${field.key} 没有目标表单`,
          en: `the relation field ${field.key} has no target form`,
        })
      lookups.set(
        m.field,
        await recordLookup(
          options.engine,
          options.app.key,
          target,
          lookupBy(
            m,
            field,
            options.app.forms.find((f) => f.key === target),
          ),
          options.actor,
        ),
      )
    }
  }
  return lookups
}

/** The field that names a related record: the relation's `display`, else the target form's first field. */
export const displayFieldOf = (field: FieldDefinition, target: FormDefinition | undefined): string =>
  field.display ?? target?.fields[0]?.key ?? 'name'

/** The target field a relation cell is matched on: the profile's `lookup.by`, else the relation's display field. */
export const lookupBy = (
  m: ColumnMapping,
  field: FieldDefinition,
  target: FormDefinition | undefined,
): string => m.lookup?.by ?? displayFieldOf(field, target)
