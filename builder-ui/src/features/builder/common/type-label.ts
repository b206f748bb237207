import type { FieldType } from '@tessera/schemas'
import type { builderEn } from '../i18n-builder-en.js'

/** The message key naming a field type in the palette and the panels. */
export const typeLabelKey = (type: FieldType): keyof typeof builderEn => `builder.type.${type}`
