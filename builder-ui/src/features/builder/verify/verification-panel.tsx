import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons'
import type { Problem } from '@tessera/schemas'
import { Alert, Empty, List, Spin, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraft } from '../draft/draft-context.js'
import { useSelection } from '../draft/selection-context.js'
import { pointerToSelection } from '../logic/pointer-to-selection.js'
import { problemText } from './problem-text.js'

interface VerificationPanelProps {
  problems: Problem[]
  checking: boolean
  error: Error | null
  onPicked?: () => void
}

/** The verifier's findings, each a button that focuses the field, state or transition at fault. */
export function VerificationPanel({ problems, checking, error, onPicked }: VerificationPanelProps) {
  const { t, lang } = useT()
  const { draft } = useDraft()
  const { focus: select } = useSelection()
  const focus = (selection: Parameters<typeof select>[0]) => {
    select(selection)
    onPicked?.()
  }
  if (error)
    return <Alert type="warning" showIcon message={t('builder.verify.failed', { message: error.message })} />
  return (
    <Spin spinning={checking} size="small" tip={t('builder.verify.checking')}>
      {problems.length === 0 ? (
        <Empty
          image={<CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} />}
          description={t('builder.verify.none')}
        />
      ) : (
        <List
          size="small"
          dataSource={problems}
          data-testid="builder-problems"
          renderItem={(problem) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              role="button"
              tabIndex={0}
              onClick={() => focus(pointerToSelection(draft, problem.path))}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') focus(pointerToSelection(draft, problem.path))
              }}
            >
              <List.Item.Meta
                avatar={<WarningOutlined style={{ color: '#fa541c' }} />}
                title={problemText(problem, lang)}
                description={
                  <Typography.Text type="secondary" code>
                    {problem.path} · {problem.code}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Spin>
  )
}
