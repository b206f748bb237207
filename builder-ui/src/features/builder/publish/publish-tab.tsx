import type { Problem } from '@tessera/schemas'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Flex, Modal, Select, Space, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { ApiError } from '../../../api/api-error.js'
import { useT } from '../../../i18n/i18n-context.js'
import { builderApi } from '../builder-api.js'
import { builderKeys } from '../builder-queries.js'
import { useDraft } from '../draft/draft-context.js'
import { diffDefinitions } from '../logic/definition-diff.js'
import { DiffList } from './diff-list.js'
import { removedStates } from './removed-states.js'
import { VersionHistory } from './version-history.js'

interface PublishTabProps {
  problems: Problem[]
  verifying: boolean
  /** the draft has edits the server has not stored yet: publishing now would publish an older draft. */
  saving: boolean
}

/** Publish: what changes against the published version, the publish button, the version history. */
export function PublishTab({ problems, verifying, saving }: PublishTabProps) {
  const { t, label } = useT()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const { app, draft, published } = useDraft()
  const entries = useMemo(() => diffDefinitions(published, draft), [published, draft])
  const removed = useMemo(() => removedStates(published, draft), [published, draft])
  const [migration, setMigration] = useState<Record<string, string>>({})
  const [publishing, setPublishing] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const nothingNew = !!published && entries.length === 0
  const blocked = problems.length > 0 || verifying || saving || nothingNew

  const publish = async () => {
    setPublishing(true)
    setFailure(null)
    try {
      const states = Object.fromEntries(Object.entries(migration).filter(([, to]) => to))
      const result = await builderApi.publish(
        app,
        Object.keys(states).length ? { migration: { states } } : {},
      )
      message.success(t('builder.publish.done', { version: result.version }))
      await Promise.all([
        qc.invalidateQueries({ queryKey: builderKeys.published(app) }),
        qc.invalidateQueries({ queryKey: builderKeys.versions(app) }),
        qc.invalidateQueries({ queryKey: ['apps'] }),
      ])
    } catch (e) {
      const detail =
        e instanceof ApiError && e.errors.length
          ? e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')
          : ''
      setFailure(
        t('builder.publish.failed', {
          message: `${e instanceof Error ? e.message : String(e)} ${detail}`.trim(),
        }),
      )
    } finally {
      setPublishing(false)
    }
  }
  const confirm = () =>
    Modal.confirm({
      title: t('builder.publish.confirm'),
      content: t('builder.publish.confirmBody'),
      okText: t('builder.publish.publish'),
      cancelText: t('common.cancel'),
      onOk: publish,
    })

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('builder.publish.changes')}>
        {!published && (
          <Alert
            type="info"
            showIcon
            message={t('builder.publish.firstVersion')}
            style={{ marginBottom: 8 }}
          />
        )}
        {published && entries.length === 0 ? (
          <Typography.Text type="secondary">{t('builder.publish.noChanges')}</Typography.Text>
        ) : (
          <DiffList entries={entries} />
        )}
      </Card>
      {removed.length > 0 && (
        <Card size="small" title={t('builder.publish.migration')}>
          <Flex vertical gap={6}>
            {removed.map(({ workflow, state, remaining }) => (
              <Space key={`${workflow}.${state}`}>
                <Typography.Text code>{`${workflow}.${state}`}</Typography.Text>→
                <Select
                  style={{ minWidth: 220 }}
                  value={migration[state] ?? ''}
                  onChange={(to) => setMigration({ ...migration, [state]: to })}
                  options={[
                    { value: '', label: t('builder.publish.keepThere') },
                    ...remaining.map((s) => ({ value: s.key, label: label(s.label, s.key) })),
                  ]}
                />
              </Space>
            ))}
          </Flex>
        </Card>
      )}
      <Space align="center" wrap>
        <Button
          type="primary"
          size="large"
          disabled={blocked}
          loading={publishing}
          onClick={confirm}
          data-testid="builder-publish"
        >
          {publishing ? t('builder.publish.publishing') : t('builder.publish.publish')}
        </Button>
        {problems.length > 0 && (
          <Typography.Text type="danger">
            {t('builder.publish.blocked', { n: problems.length })}
          </Typography.Text>
        )}
        {problems.length === 0 && saving && (
          <Typography.Text type="secondary">{t('builder.publish.waitSave')}</Typography.Text>
        )}
        {problems.length === 0 && !saving && verifying && (
          <Typography.Text type="secondary">{t('builder.verify.checking')}</Typography.Text>
        )}
      </Space>
      {failure && <Alert type="error" showIcon message={failure} />}
      <Card size="small" title={t('builder.publish.history')}>
        <VersionHistory />
      </Card>
    </Flex>
  )
}
