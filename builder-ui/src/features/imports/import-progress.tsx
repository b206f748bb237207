import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Progress, Table } from 'antd'
import { apiPaths } from '../../api/api.js'
import type { ImportJob } from '../../api/wire-types.js'
import { useT } from '../../i18n/i18n-context.js'
import { separatorKey } from './separator-key.js'

/** Upload progress, then the job's rows processed, then the summary and the error report. */
export function ImportProgress({
  app,
  form,
  job,
  uploadProgress,
}: {
  app: string
  form: string
  job: ImportJob | null
  uploadProgress: number | null
}) {
  const { t } = useT()
  if (uploadProgress !== null) return <Progress percent={Math.round(uploadProgress * 100)} status="active" />
  if (!job) return null
  // the row count is known only at the end; until then the bar moves with rows read
  const pct =
    job.total > 0
      ? Math.round((job.processed / job.total) * 100)
      : Math.min(95, Math.round(Math.log10(job.processed + 1) * 25))
  const done = job.status === 'done' || job.status === 'failed'
  // rows read that were neither written nor refused: a repeat of an earlier row of the file (in the
  // report with its reason) or a row that matched a record with nothing changed
  const skipped = job.skipped ?? Math.max(0, job.total - job.created - (job.updated ?? 0) - job.failed)
  const counts = { created: job.created, updated: job.updated ?? 0, failed: job.failed, skipped }
  const summary = t(job.options?.dryRun ? 'import.dryRunSummary' : 'import.summary', counts)
  const problems = job.errorCount ?? job.errors?.length ?? 0
  const separator =
    job.delimiter &&
    t('import.delimiterUsed', {
      delimiter: t(separatorKey(job.delimiter)),
    })
  return (
    <div className="import-progress" data-testid="import-progress">
      <Progress
        percent={done ? 100 : pct}
        status={job.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
      />
      <div aria-live="polite">
        {job.total > 0
          ? t('import.progress', { processed: job.processed, total: job.total })
          : t('import.read', { processed: job.processed })}
      </div>
      {done && (
        <Alert
          type={job.failed > 0 || problems > 0 ? 'warning' : 'success'}
          showIcon
          title={summary}
          description={separator || undefined}
          data-testid="import-summary"
        />
      )}
      {done && (job.failed > 0 || problems > 0) && (
        <>
          <a href={apiPaths.importErrorsUrl(app, form, job.id)} download>
            <Button icon={<DownloadOutlined />}>{t('import.errors')}</Button>
          </a>
          <Table
            size="small"
            rowKey={(r) => `${r.row}:${r.column ?? ''}:${r.code ?? ''}:${r.reason ?? ''}`}
            pagination={{ pageSize: 10 }}
            dataSource={job.errors ?? []}
            columns={[
              { key: 'row', title: '#', dataIndex: 'row', width: 70 },
              { key: 'column', title: t('import.column'), dataIndex: 'column' },
              { key: 'value', title: t('import.value'), dataIndex: 'value' },
              { key: 'reason', title: t('import.reason'), dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </div>
  )
}
