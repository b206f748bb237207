import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { FormDefinition, FormRule } from '@tessera/schemas'
import { Button, Card, Flex, Form, Select, Typography } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import { KeyInput } from '../common/key-input.js'
import { LabelInput } from '../common/label-input.js'
import { ConditionEditor } from '../conditions/condition-editor.js'
import { useDraft } from '../draft/draft-context.js'

const COMPUTED = new Set(['formula', 'serial', 'lookup', 'rollup', 'subform'])

/** A free rule key: rule, rule_2, rule_3… */
const freeKey = (rules: readonly FormRule[]) => {
  const taken = new Set(rules.map((r) => r.key))
  let n = 1
  while (taken.has(n === 1 ? 'rule' : `rule_${n}`)) n++
  return n === 1 ? 'rule' : `rule_${n}`
}

/**
 * The form's rules: checks across fields that every submission must pass ("at least an e-mail or
 * a phone"), each with the message a person filling the form reads and the field it shows on.
 */
export function FormRules({ form }: { form: FormDefinition }) {
  const { t, label } = useT()
  const { dispatch } = useDraft()
  const rules = form.rules ?? []
  const save = (next: FormRule[], coalesce?: string) =>
    dispatch(
      { type: 'form/update', form: form.key, patch: { rules: next.length > 0 ? next : undefined } },
      coalesce,
    )
  const change = (i: number, patch: Partial<FormRule>, coalesce?: string) =>
    save(
      rules.map((r, j) => (j === i ? ({ ...r, ...patch } as FormRule) : r)),
      coalesce,
    )
  const fieldOptions = form.fields
    .filter((f) => !COMPUTED.has(f.type))
    .map((f) => ({ value: f.key, label: label(f.label, f.key) }))
  return (
    <Flex vertical gap={8} data-form-rules>
      <Typography.Title level={5}>{t('builder.form.rules')}</Typography.Title>
      <Typography.Text type="secondary">{t('builder.form.rulesHelp')}</Typography.Text>
      {rules.map((rule, i) => (
        <Card key={rule.key} size="small" data-form-rule={rule.key}>
          <Form layout="vertical" size="small">
            <Flex gap={8} align="end">
              <Form.Item label={t('builder.common.key')} style={{ flex: 1 }}>
                <KeyInput
                  value={rule.key}
                  locked={false}
                  taken={rules.map((r) => r.key)}
                  onCommit={(key) => change(i, { key })}
                />
              </Form.Item>
              <Form.Item>
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('builder.form.ruleRemove')}
                  onClick={() => save(rules.filter((_, j) => j !== i))}
                />
              </Form.Item>
            </Flex>
            <Form.Item label={t('builder.form.ruleCheck')}>
              <ConditionEditor
                fields={form.fields}
                value={rule.check}
                onChange={(check) => change(i, { check: check ?? true })}
              />
            </Form.Item>
            <Form.Item label={t('builder.form.ruleMessage')}>
              <LabelInput
                name={t('builder.form.ruleMessage')}
                value={rule.message}
                onChange={(message) =>
                  change(
                    i,
                    { message: message ?? t('builder.form.ruleDefaultMessage') },
                    `rule-msg:${form.key}:${i}`,
                  )
                }
              />
            </Form.Item>
            <Form.Item label={t('builder.form.ruleField')}>
              <Select
                allowClear
                placeholder={t('builder.form.ruleWholeForm')}
                value={rule.field}
                options={fieldOptions}
                onChange={(field?: string) => {
                  const { field: _old, ...rest } = rule
                  save(rules.map((r, j) => (j === i ? (field ? { ...rest, field } : rest) : r)))
                }}
              />
            </Form.Item>
          </Form>
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          save([
            ...rules,
            {
              key: freeKey(rules),
              // "the first field is filled", as the visual editor writes it
              check: { '!': { empty: [{ var: form.fields[0]?.key ?? 'id' }] } },
              message: t('builder.form.ruleDefaultMessage'),
            },
          ])
        }
      >
        {t('builder.form.ruleAdd')}
      </Button>
    </Flex>
  )
}
