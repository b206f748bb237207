import {
  CameraOutlined,
  DeleteOutlined,
  PaperClipOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons'
import { Button, Progress, Space, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { apiPaths } from '../../../api/api.js'
import type { FileRef } from '../../../api/wire-types.js'
import { useT } from '../../../i18n/i18n-context.js'
import { fileIds, fileMeta, rememberFile } from './file-meta.js'
import { acceptsFile, formatBytes } from './file-rules.js'
import { type PendingUpload, useFileUploads } from './use-file-uploads.js'
import type { WidgetProps } from './widget-props.js'

/**
 * Files and images: uploaded at once to POST /api/files with a progress bar; the field holds the
 * finished refs only. While one is running or has failed the form is told (C8), so submit waits.
 */
export function FileUpload({ field, value, onChange, id, app, onUploadState }: WidgetProps<string[]>) {
  const { t, lang } = useT()
  const input = useRef<HTMLInputElement>(null)
  const [rejected, setRejected] = useState<string | null>(null)
  const ids = fileIds(value)
  const files: FileRef[] = ids.map((x) => fileMeta(x) ?? { id: x, name: x.slice(0, 8), size: 0 })
  const latest = useRef(ids)
  latest.current = ids
  const { pending, start, retry, dismiss } = useFileUploads(lang, app, (ref) => {
    rememberFile(ref)
    latest.current = [...latest.current, ref.id]
    onChange(latest.current)
  })
  const isImage = field.type === 'image'
  const max = field.maxFiles ?? 1

  useEffect(() => {
    const state = pending.some((p) => p.status === 'uploading')
      ? 'uploading'
      : pending.some((p) => p.status === 'failed')
        ? 'failed'
        : 'idle'
    onUploadState?.(state)
  }, [pending, onUploadState])

  const pick = (list: FileList | null) => {
    setRejected(null)
    for (const file of Array.from(list ?? []).slice(0, Math.max(0, max - files.length))) {
      const why = acceptsFile(field, file)
      if (why === 'type') setRejected(t('form.uploadType', { file: file.name }))
      else if (why === 'size')
        setRejected(t('form.uploadTooLarge', { file: file.name, size: formatBytes(field.maxSize ?? 0) }))
      else start(file)
    }
    if (input.current) input.current.value = ''
  }

  return (
    <div className="file-upload">
      <input
        ref={input}
        id={id}
        type="file"
        hidden
        multiple={max > 1}
        accept={isImage ? (field.accept?.join(',') ?? 'image/*') : field.accept?.join(',')}
        capture={isImage ? 'environment' : undefined}
        onChange={(e) => pick(e.target.files)}
      />
      {files.length + pending.length < max && (
        <Button
          icon={isImage ? <CameraOutlined /> : <UploadOutlined />}
          onClick={() => input.current?.click()}
        >
          {isImage ? t('form.takePhoto') : t('form.upload')}
        </Button>
      )}
      {rejected && (
        <Typography.Text type="danger" role="alert">
          {rejected}
        </Typography.Text>
      )}
      {files.map((f) => (
        <Space key={f.id} className="file-row">
          <PaperClipOutlined />
          <a href={apiPaths.fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.name}
          </a>
          {f.size > 0 && <Typography.Text type="secondary">{formatBytes(f.size)}</Typography.Text>}
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label={`${t('common.delete')} ${f.name}`}
            onClick={() => {
              const rest = ids.filter((x) => x !== f.id)
              onChange(rest.length ? rest : undefined)
            }}
          />
        </Space>
      ))}
      {pending.map((p) => (
        <PendingRow key={p.key} upload={p} onRetry={() => retry(p.key)} onDismiss={() => dismiss(p.key)} />
      ))}
    </div>
  )
}

function PendingRow({
  upload,
  onRetry,
  onDismiss,
}: {
  upload: PendingUpload
  onRetry: () => void
  onDismiss: () => void
}) {
  const { t } = useT()
  return (
    <div className="file-row" aria-live="polite">
      <Typography.Text>{upload.file.name}</Typography.Text>
      {upload.status === 'uploading' ? (
        <Progress percent={Math.round(upload.progress * 100)} size="small" style={{ width: 160 }} />
      ) : (
        <Space>
          <Typography.Text type="danger">{t('form.uploadFailed')}</Typography.Text>
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
          <Button
            size="small"
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            onClick={onDismiss}
          />
        </Space>
      )}
    </div>
  )
}
