import type { FormDefinition } from '@tessera/schemas'
import { Collapse, Flex, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { FormRenderer } from '../../forms/form-renderer.js'
import type { FormData } from '../../forms/logic/form-logic.js'
import { useDraftActions, useDraftSelector } from '../draft/draft-context.js'

/** The form being built, rendered by the team side's own renderer with its conditions live. */
export function FormPreview({ form }: { form: FormDefinition }) {
  const { t } = useT()
  const { app } = useDraftActions()
  // lookups and rollups read as the fields they show in the draft, not in what was published
  const forms = useDraftSelector((s) => s.history.present.forms)
  const drafted = useMemo(() => ({ forms }), [forms])
  const [value, setValue] = useState<FormData>({})
  return (
    <Flex vertical gap={12} data-testid="builder-preview">
      <FormRenderer definition={form} value={value} onChange={setValue} app={app} forms={drafted} />
      <Collapse
        size="small"
        items={[
          {
            key: 'data',
            label: t('builder.preview.data'),
            children: (
              <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {JSON.stringify(value, null, 2)}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Flex>
  )
}
