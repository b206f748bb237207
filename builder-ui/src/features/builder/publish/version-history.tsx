import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Table } from 'antd'
import { formatDateTime } from '../../../i18n/format.js'
import { useT } from '../../../i18n/i18n-context.js'
import { builderApi, type VersionSummary } from '../builder-api.js'
import { builderKeys, useVersions } from '../builder-queries.js'
import { useDraftActions } from '../draft/draft-context.js'

/** Published versions, newest first; any one can be restored as the draft (an undoable edit). */
export function VersionHistory() {
  const { t, lang } = useT()
  const { message } = App.useApp()
  const { app, dispatch, published } = useDraftActions()
  const versions = useVersions(app)
  const qc = useQueryClient()
  const latest = qc.getQueryData<{ version: number } | null>(builderKeys.published(app))?.version
  const restore = async (version: number) => {
    try {
      // The newest version is already here; older ones come from the server.
      const definition =
        version === latest && published
          ? published
          : await qc.fetchQuery({
              queryKey: ['builder', app, 'version', version],
              queryFn: () => builderApi.version(app, version),
              staleTime: Number.POSITIVE_INFINITY,
            })
      const { version: _ignored, ...draft } = definition
      dispatch({ type: 'draft/replace', draft: { ...draft, key: app } })
      message.success(t('builder.publish.restored', { version }))
    } catch (e) {
      message.error(t('common.loadFailed', { message: e instanceof Error ? e.message : String(e) }))
    }
  }
  const rows = [...(versions.data ?? [])].sort((a, b) => b.version - a.version)
  return (
    <Table<VersionSummary>
      size="small"
      rowKey="version"
      loading={versions.isPending}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{
        emptyText: versions.isError
          ? t('common.loadFailed', { message: versions.error.message })
          : t('builder.publish.noHistory'),
      }}
      columns={[
        { title: t('builder.publish.version'), dataIndex: 'version', width: 90 },
        {
          title: t('builder.publish.at'),
          render: (_, v) => (v.publishedAt ? formatDateTime(v.publishedAt, lang) : ''),
        },
        { title: t('builder.publish.by'), render: (_, v) => v.publishedByName ?? v.publishedBy ?? '' },
        {
          width: 160,
          render: (_, v) => (
            <Button
              size="small"
              onClick={() => restore(v.version)}
              data-testid={`builder-restore-${v.version}`}
            >
              {t('builder.publish.restore')}
            </Button>
          ),
        },
      ]}
    />
  )
}
