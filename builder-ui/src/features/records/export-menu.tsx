import { DownloadOutlined } from '@ant-design/icons'
import { App, Button, Dropdown } from 'antd'
import { useState } from 'react'
import { apiPaths, type ListParams } from '../../api/api.js'
import { useT } from '../../i18n/i18n-context.js'
import { fetchDownload, saveFile } from './download-file.js'

/**
 * Export as CSV or XLSX. The file is fetched first: a refusal (403, a bad filter) shows the
 * server's message instead of being saved as a file.
 */
export function ExportMenu({
  app,
  formKey,
  params,
  label,
}: {
  app: string
  formKey: string
  params: ListParams
  label: string
}) {
  const { t, lang } = useT()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const download = async (format: 'csv' | 'xlsx') => {
    if (busy) return
    setBusy(true)
    try {
      const file = await fetchDownload(
        apiPaths.exportUrl(app, formKey, format, params),
        `${formKey}.${format}`,
        lang,
      )
      saveFile(file.blob, file.name)
    } catch (e) {
      message.error(t('records.exportFailed', { message: e instanceof Error ? e.message : String(e) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dropdown
      menu={{
        items: (['csv', 'xlsx'] as const).map((format) => ({
          key: format,
          label: format === 'csv' ? t('records.exportCsv') : t('records.exportXlsx'),
        })),
        onClick: ({ key }) => void download(key as 'csv' | 'xlsx'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        {label}
      </Button>
    </Dropdown>
  )
}
