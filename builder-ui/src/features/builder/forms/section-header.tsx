import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons'
import type { LayoutSection } from '@tessera/schemas'
import { Button, Flex, Space, Tooltip, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraftActions } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'

interface SectionHeaderProps {
  form: string
  index: number
  section: LayoutSection | undefined
  last: boolean
  selected: boolean
}

/** A layout section's title (click to edit it), with move up/down and remove. */
export function SectionHeader({ form, index, section, last, selected }: SectionHeaderProps) {
  const { t, label } = useT()
  const { dispatch } = useDraftActions()
  const { select } = useSelection()
  return (
    <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
      <Typography.Link strong onClick={() => select({ kind: 'section', form, index })} underline={selected}>
        {label(section?.section, t('builder.canvas.sectionTitle', { n: index + 1 }))}
        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
          {t('builder.canvas.columns', { n: section?.columns ?? 1 })}
        </Typography.Text>
      </Typography.Link>
      <Space size={2}>
        <Tooltip title={t('builder.common.moveUp')}>
          <Button
            size="small"
            type="text"
            aria-label={t('builder.common.moveUp')}
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            onClick={() => dispatch({ type: 'section/move', form, from: index, to: index - 1 })}
          />
        </Tooltip>
        <Tooltip title={t('builder.common.moveDown')}>
          <Button
            size="small"
            type="text"
            aria-label={t('builder.common.moveDown')}
            icon={<ArrowDownOutlined />}
            disabled={last}
            onClick={() => dispatch({ type: 'section/move', form, from: index, to: index + 1 })}
          />
        </Tooltip>
        <Tooltip title={t('builder.canvas.removeSection')}>
          <Button
            size="small"
            type="text"
            danger
            aria-label={t('builder.canvas.removeSection')}
            icon={<DeleteOutlined />}
            onClick={() => dispatch({ type: 'section/remove', form, index })}
          />
        </Tooltip>
      </Space>
    </Flex>
  )
}
