import { UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Checkbox, Input, Select, Skeleton, Space, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useParams } from 'react-router'
import { DELIMITERS } from '@tessera/schemas'
import { useT } from '../../i18n/i18n-context.js'
import { useForm } from '../apps/app-queries.js'
import { formPermissions, useAppSubject } from '../records/use-bulk-permission.js'
import { autoMap } from './auto-map.js'
import { decodeHead } from './decode-head.js'
import { ImportMapping } from './import-mapping.js'
import { ImportProgress } from './import-progress.js'
import { parseCsvHead } from './parse-csv-head.js'
import { separatorKey } from './separator-key.js'
import { useImportJob } from './use-import-job.js'

/** Upload a CSV/XLSX, pick a profile or map the columns, preview, dry run, run with progress, get the error report. */
export function ImportPage() {
  const { app = '', form = '' } = useParams()
  const { t, label, lang } = useT()
  const separatorLabel = (d: string) => t(separatorKey(d))
  const def = useForm(app, form)
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [sample, setSample] = useState<Uint8Array | null>(null)
  const [head, setHead] = useState<{ headers: string[]; rows: string[][]; delimiter: string } | null>(null)
  const [mapping, setMapping] = useState<Record<string, string | null>>({})
  const [profile, setProfile] = useState<string>()
  const [encoding, setEncoding] = useState('auto')
  const [delimiter, setDelimiter] = useState('auto')
  const [skipDuplicates, setSkipDuplicates] = useState(false)
  const job = useImportJob(app, form, lang)
  const who = useAppSubject(app)
  if (def.isPending || !who) return <Skeleton active />
  if (!def.form)
    return <Alert type="error" title={t('common.loadFailed', { message: def.error?.message ?? form })} />
  // said before any file is chosen: the server refuses the import of who may not (mayBulk)
  if (!formPermissions(def.form, who).importing)
    return (
      <div className="page import-page">
        <Typography.Title level={2}>
          {t('import.title', { form: label(def.form.title, form) })}
        </Typography.Title>
        <Alert type="warning" title={t('import.notAllowed', { form: label(def.form.title, form) })} />
      </div>
    )
  const fields = def.form.fields.filter(
    (f) => f.type !== 'formula' && f.type !== 'serial' && f.type !== 'subform',
  )

  // the preview decodes as the import will: the declared encoding, else the server's detection
  const preview = (bytes: Uint8Array, enc: string, sep = delimiter) => {
    const parsed = parseCsvHead(decodeHead(bytes, enc), 10, sep === 'auto' ? undefined : sep)
    setHead(parsed)
    setMapping(autoMap(parsed.headers, fields))
  }
  const pick = async (f: File | undefined) => {
    if (!f) return
    setFile(f)
    setHead(null)
    setSample(null)
    if (/\.(csv|txt)$/i.test(f.name)) {
      const bytes = new Uint8Array(await f.slice(0, 256 * 1024).arrayBuffer())
      setSample(bytes)
      preview(bytes, encoding)
    }
  }
  const pickEncoding = (enc: string) => {
    setEncoding(enc)
    if (sample) preview(sample, enc)
  }
  const pickDelimiter = (sep: string) => {
    setDelimiter(sep)
    if (sample) preview(sample, encoding, sep)
  }
  const run = (dryRun: boolean) =>
    file &&
    job.start({
      file,
      mapping,
      profile,
      dryRun,
      skipDuplicates,
      encoding: encoding === 'auto' ? undefined : encoding,
      // the separator the preview shows is the one the server reads with
      delimiter: head?.delimiter ?? (delimiter === 'auto' ? undefined : delimiter),
    })
  // the field the app's duplicate rule compares (the CRM: the lead's e-mail), if this form has one
  const duplicateKey = def.definition?.duplicates?.find((d) => d.form === form)?.field
  const duplicateField = def.form.fields.find((f) => f.key === duplicateKey)

  return (
    <div className="page import-page">
      <Typography.Title level={2}>
        {t('import.title', { form: label(def.form.title, form) })}
      </Typography.Title>
      <Space wrap className="import-controls">
        <input
          ref={input}
          type="file"
          hidden
          aria-label={t('import.file')}
          accept=".csv,.txt,.xlsx"
          onChange={(e) => pick(e.target.files?.[0])}
          data-testid="import-file"
        />
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          {file ? file.name : t('import.choose')}
        </Button>
        <Input
          aria-label={t('import.profile')}
          placeholder={`${t('import.profile')} (${t('import.noProfile')})`}
          style={{ width: 260 }}
          allowClear
          value={profile ?? ''}
          onChange={(e) => setProfile(e.target.value.trim() || undefined)}
        />
        <Select
          aria-label={t('import.encoding')}
          value={encoding}
          onChange={pickEncoding}
          options={['auto', 'utf-8', 'gbk', 'windows-1252'].map((e) => ({
            value: e,
            label: e === 'auto' ? `${t('import.encoding')}: auto` : e,
          }))}
        />
        <Select
          aria-label={t('import.delimiter')}
          value={delimiter}
          onChange={pickDelimiter}
          options={['auto', ...DELIMITERS].map((d) => ({
            value: d,
            label:
              d === 'auto'
                ? `${t('import.delimiter')}: ${head ? t('import.delimiterDetected', { delimiter: separatorLabel(head.delimiter) }) : 'auto'}`
                : separatorLabel(d),
          }))}
        />
      </Space>
      {head && head.rows.length === 0 && <Alert type="warning" title={t('import.noRows')} />}
      {head && !profile && (
        <ImportMapping
          headers={head.headers}
          rows={head.rows}
          fields={fields}
          mapping={mapping}
          onChange={setMapping}
        />
      )}
      {duplicateField && (
        <Checkbox
          className="import-skip-duplicates"
          checked={skipDuplicates}
          onChange={(e) => setSkipDuplicates(e.target.checked)}
          style={{ display: 'flex', marginBottom: 8 }}
        >
          {t('import.skipDuplicates', { field: label(duplicateField.label, duplicateField.key) })}
        </Checkbox>
      )}
      <Space className="import-run">
        <Button disabled={!file || job.running} onClick={() => run(true)}>
          {t('import.dryRun')}
        </Button>
        <Button type="primary" disabled={!file || job.running} onClick={() => run(false)}>
          {t('import.run')}
        </Button>
      </Space>
      {job.error && (
        <Alert type="error" showIcon title={t('import.failed', { message: job.error.message })} />
      )}
      <ImportProgress app={app} form={form} job={job.job} uploadProgress={job.uploadProgress} />
    </div>
  )
}
