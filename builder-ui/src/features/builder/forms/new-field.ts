import type { FieldDefinition, FieldType, Label } from '@tessera/schemas'
import { keyFromLabel } from '../logic/key-from-label.js'

/**
 * A new field of a type as the palette drops it: a label in both languages, a key generated from
 * it, and the settings the type cannot do without (options for choices, a format for serials).
 */
export function newField(type: FieldType, label: Label, taken: Iterable<string>): FieldDefinition {
  const field: FieldDefinition = { key: keyFromLabel(label, taken, type), type, label }
  switch (type) {
    case 'select':
    case 'multiselect':
    case 'radio':
      return {
        ...field,
        options: [
          { value: 'option_1', label: { 'zh-CN': '选项 1', en: 'Option 1' } },
          { value: 'option_2', label: { 'zh-CN': '选项 2', en: 'Option 2' } },
        ],
      }
    case 'money':
      return { ...field, currency: 'CNY', decimals: 2 }
    case 'serial':
      return { ...field, format: 'NO-{YYYY}-{000000}', readOnly: true }
    case 'formula':
      return { ...field, expression: 0, readOnly: true }
    case 'rating':
      return { ...field, max: 5 }
    case 'subform':
      return { ...field, fields: [] }
    case 'image':
      return { ...field, accept: ['image/*'] }
    default:
      return field
  }
}
