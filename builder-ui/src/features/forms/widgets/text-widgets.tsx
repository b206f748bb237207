import { Input } from 'antd'
import { codePointLength } from '../logic/code-points.js'
import type { WidgetProps } from './widget-props.js'

const inputType = { email: 'email', phone: 'tel', url: 'url', text: 'text' } as const
const inputMode = { email: 'email', phone: 'tel', url: 'url', text: 'text' } as const

/** text, email, phone, url: one line; the phone keypad and email keyboard on mobile. */
export function TextInput({ field, value, onChange, invalid, id, placeholder }: WidgetProps<string>) {
  const kind = (field.type in inputType ? field.type : 'text') as keyof typeof inputType
  return (
    <Input
      id={id}
      type={inputType[kind]}
      inputMode={inputMode[kind]}
      value={value ?? ''}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      count={field.maxLength !== undefined ? { max: field.maxLength, strategy: codePointLength } : undefined}
      autoComplete={field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : undefined}
    />
  )
}

/** Multi-line text; the counter counts code points, as the server does (C1: "a😀b" is 3/3). */
export function TextareaInput({ field, value, onChange, invalid, id, placeholder }: WidgetProps<string>) {
  return (
    <Input.TextArea
      id={id}
      value={value ?? ''}
      placeholder={placeholder}
      status={invalid ? 'error' : undefined}
      autoSize={{ minRows: 3, maxRows: 12 }}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      count={
        field.maxLength !== undefined
          ? { show: true, max: field.maxLength, strategy: codePointLength }
          : { show: false, strategy: codePointLength }
      }
    />
  )
}
