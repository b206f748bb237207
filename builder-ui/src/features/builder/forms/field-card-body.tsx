import { CopyOutlined, DeleteOutlined } from '@ant-design/icons'
import type { FieldDefinition } from '@tessera/schemas'
import { memo } from 'react'
import { useT } from '../../../i18n/i18n-context.js'
import { typeLabelKey } from '../common/type-label.js'

interface FieldCardBodyProps {
  field: FieldDefinition
  problemCount: number
  onDuplicate: (key: string) => void
  onRemove: (key: string) => void
}

/**
 * What a field card shows: label, type, key, badges, duplicate and delete. Plain elements styled
 * in app.css (`.field-card-*`), not antd's Button, Tag and Typography: each of those is a dozen
 * fibers with CSS-in-JS hooks, and 300 cards of them made every context change (a selection, an
 * added field) walk some 20,000 fibers. Memoised apart from the sortable shell, which dnd-kit
 * re-renders whenever the section's item list changes.
 */
export const FieldCardBody = memo(function FieldCardBody(props: FieldCardBodyProps) {
  const { field, problemCount, onDuplicate, onRemove } = props
  const { t, label } = useT()
  const conditional = field.visibleWhen !== undefined || field.requiredWhen !== undefined
  return (
    <>
      <span className="field-card-main">
        <span className="field-card-label">
          {label(field.label, field.key)}
          {field.required && <span className="field-card-required"> *</span>}
        </span>
        <span className="field-card-meta">
          <span className="field-card-tag">{t(typeLabelKey(field.type))}</span>
          <code className="field-card-key">{field.key}</code>
          {conditional && (
            <span className="field-card-tag field-card-tag-purple">{t('builder.field.conditions')}</span>
          )}
          {problemCount > 0 && <span className="field-card-tag field-card-problems">{problemCount}</span>}
        </span>
      </span>
      <button
        type="button"
        className="field-card-action"
        title={t('builder.field.duplicate')}
        aria-label={t('builder.field.duplicate')}
        onClick={(e) => {
          e.stopPropagation()
          onDuplicate(field.key)
        }}
      >
        <CopyOutlined />
      </button>
      <button
        type="button"
        className="field-card-action field-card-action-danger"
        title={t('builder.field.delete')}
        aria-label={t('builder.field.delete')}
        onClick={(e) => {
          e.stopPropagation()
          onRemove(field.key)
        }}
      >
        <DeleteOutlined />
      </button>
    </>
  )
})
