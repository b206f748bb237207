import type { FieldDefinition } from '@tessera/schemas'
import type { ReactElement } from 'react'
import { useT } from '../../i18n/i18n-context.js'
import { ComputedValue } from './computed-value.js'
import { AddressInput } from './widgets/address-input.js'
import {
  BooleanInput,
  MultiSelectInput,
  RadioInput,
  RatingInput,
  SelectInput,
} from './widgets/choice-widgets.js'
import { DateInput } from './widgets/date-widgets.js'
import { FileUpload } from './widgets/file-upload.js'
import { NumberInput } from './widgets/number-widgets.js'
import { RelationPicker } from './widgets/relation-picker.js'
import { SubformTable } from './widgets/subform-table.js'
import { TextareaInput, TextInput } from './widgets/text-widgets.js'
import { UserPicker } from './widgets/user-picker.js'
import type { WidgetProps } from './widgets/widget-props.js'

// Each widget narrows its own value type; the table erases it at this one seam.
type AnyWidget = (p: WidgetProps) => ReactElement
const w = <V,>(c: (p: WidgetProps<V>) => ReactElement) => c as unknown as AnyWidget
const widgets: Record<FieldDefinition['type'], AnyWidget> = {
  text: w(TextInput),
  email: w(TextInput),
  phone: w(TextInput),
  url: w(TextInput),
  textarea: w(TextareaInput),
  number: w(NumberInput),
  integer: w(NumberInput),
  money: w(NumberInput),
  percent: w(NumberInput),
  date: w(DateInput),
  datetime: w(DateInput),
  select: w(SelectInput),
  multiselect: w(MultiSelectInput),
  radio: w(RadioInput),
  boolean: w(BooleanInput),
  rating: w(RatingInput),
  user: w(UserPicker),
  relation: w(RelationPicker),
  subform: w(SubformTable),
  file: w(FileUpload),
  image: w(FileUpload),
  address: w(AddressInput),
  formula: w(ComputedValue),
  serial: w(ComputedValue),
  lookup: w(ComputedValue),
  rollup: w(ComputedValue),
}

export type FieldWidgetProps = WidgetProps & { ariaLabel?: string }

/** The input for one field, picked by its type. */
export function FieldWidget({ ariaLabel, ...props }: FieldWidgetProps) {
  const { label } = useT()
  const Widget = widgets[props.field.type]
  const placeholder = props.field.placeholder !== undefined ? label(props.field.placeholder) : undefined
  return (
    <div className="field-widget">
      {ariaLabel && (
        <label className="visually-hidden" htmlFor={props.id}>
          {ariaLabel}
        </label>
      )}
      <Widget {...props} placeholder={placeholder} />
    </div>
  )
}
