import { Input, Tooltip } from 'antd'
import { LockOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { KEY_PATTERN } from '../logic/key-from-label.js'

export interface KeyInputProps {
  value: string
  /** called with a valid, free key when the admin leaves the input or presses Enter. */
  onCommit: (key: string) => void
  locked: boolean
  taken: readonly string[]
  id?: string
}

/**
 * A key, editable until published. Applied on blur, not per keystroke: a key renames every
 * reference to it, and half-typed keys would rename them to garbage on the way.
 */
export function KeyInput({ value, onCommit, locked, taken, id }: KeyInputProps) {
  const { t } = useT()
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const error =
    text === value
      ? null
      : !KEY_PATTERN.test(text)
        ? t('builder.common.keyInvalid')
        : taken.includes(text)
          ? t('builder.common.keyTaken')
          : null
  const commit = () => {
    if (text !== value && !error) onCommit(text)
    else setText(value)
  }
  if (locked) {
    return (
      <Tooltip title={t('builder.common.keyLocked')}>
        <Input id={id} value={value} disabled prefix={<LockOutlined />} />
      </Tooltip>
    )
  }
  return (
    <>
      <Input
        id={id}
        value={text}
        status={error ? 'error' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
        data-native-undo
      />
      {error && <div style={{ color: 'var(--ant-color-error, #ff4d4f)', fontSize: 12 }}>{error}</div>}
    </>
  )
}
