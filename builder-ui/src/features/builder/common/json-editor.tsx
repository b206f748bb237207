import { Alert, Button, Input, Space } from 'antd'
import { useEffect, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'

export interface JsonEditorProps {
  value: unknown
  /** called with the parsed JSON when applied; `undefined` when the text is emptied. */
  onApply: (value: unknown) => void
  rows?: number
  id?: string
}

/** JSON text for experts, applied explicitly so half-typed JSON never reaches the draft. */
export function JsonEditor({ value, onApply, rows = 6, id }: JsonEditorProps) {
  const { t } = useT()
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2)
  const [text, setText] = useState(shown)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setText(shown)
    setError(null)
  }, [shown])
  const apply = () => {
    if (!text.trim()) {
      onApply(undefined)
      return
    }
    try {
      onApply(JSON.parse(text))
      setError(null)
    } catch (e) {
      setError(t('builder.common.jsonInvalid', { message: e instanceof Error ? e.message : String(e) }))
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        id={id}
        data-native-undo
        rows={rows}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
      />
      {error && <Alert type="error" showIcon message={error} />}
      <Button size="small" onClick={apply} disabled={text === shown}>
        {t('builder.common.apply')}
      </Button>
    </Space>
  )
}
