import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { moveItem } from '../draft/draft-reducer.js'

export interface ItemControlsProps<T> {
  items: readonly T[]
  index: number
  onChange: (next: T[]) => void
}

/** Move up, move down and remove for one row of an ordered list (options, actions). */
export function ItemControls<T>({ items, index, onChange }: ItemControlsProps<T>) {
  const { t } = useT()
  return (
    <>
      <Button
        size="small"
        type="text"
        aria-label={t('builder.common.moveUp')}
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => onChange(moveItem(items, index, index - 1))}
      />
      <Button
        size="small"
        type="text"
        aria-label={t('builder.common.moveDown')}
        icon={<ArrowDownOutlined />}
        disabled={index === items.length - 1}
        onClick={() => onChange(moveItem(items, index, index + 1))}
      />
      <Button
        size="small"
        type="text"
        danger
        aria-label={t('builder.common.remove')}
        icon={<DeleteOutlined />}
        onClick={() => onChange(items.filter((_, i) => i !== index))}
      />
    </>
  )
}
