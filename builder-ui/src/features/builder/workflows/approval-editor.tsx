import type { ApprovalRule, WorkflowDefinition } from '@tessera/schemas'
import { Flex, InputNumber, Select } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'

/** How an approval state decides (all / any / a share of assignees) and what fires on approve or reject. */
export function ApprovalEditor({
  value,
  onChange,
  workflow,
  state,
}: {
  value: ApprovalRule | undefined
  onChange: (rule: ApprovalRule | undefined) => void
  workflow: WorkflowDefinition
  state: string
}) {
  const { t, label } = useT()
  const leaving = workflow.transitions
    .filter((tr) => tr.from.includes(state))
    .map((tr) => ({ value: tr.key, label: label(tr.label, tr.key) }))
  return (
    <Flex vertical gap={6}>
      <Select
        size="small"
        aria-label={t('builder.approval.mode')}
        value={value?.mode ?? 'off'}
        onChange={(mode: 'off' | ApprovalRule['mode']) => {
          if (mode === 'off') onChange(undefined)
          else
            onChange({
              ...value,
              mode,
              ...(mode === 'share' ? { share: value?.share ?? 0.5 } : { share: undefined }),
            })
        }}
        options={(['off', 'all', 'any', 'share'] as const).map((m) => ({
          value: m,
          label: t(`builder.approval.${m}`),
        }))}
      />
      {value?.mode === 'share' && (
        <InputNumber
          size="small"
          min={0.01}
          max={1}
          step={0.05}
          aria-label={t('builder.approval.shareValue')}
          addonBefore={t('builder.approval.shareValue')}
          value={value.share}
          onChange={(share) => onChange({ ...value, share: share ?? 0.5 })}
        />
      )}
      {value && (
        <>
          <Select
            size="small"
            allowClear
            placeholder={t('builder.approval.approve')}
            aria-label={t('builder.approval.approve')}
            value={value.approve}
            onChange={(approve) => onChange({ ...value, approve })}
            options={leaving}
          />
          <Select
            size="small"
            allowClear
            placeholder={t('builder.approval.reject')}
            aria-label={t('builder.approval.reject')}
            value={value.reject}
            onChange={(reject) => onChange({ ...value, reject })}
            options={leaving}
          />
        </>
      )}
    </Flex>
  )
}
