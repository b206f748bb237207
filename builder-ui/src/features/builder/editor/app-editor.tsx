import { Alert, Skeleton } from 'antd'
import { useParams } from 'react-router'
import { useT } from '../../../i18n/i18n-context.js'
import { useDraftQuery, usePublished } from '../builder-queries.js'
import { DraftProvider } from '../draft/draft-context.js'
import { SelectionProvider } from '../draft/selection-context.js'
import type { EditorTab } from '../logic/selection.js'
import { EditorShell } from './editor-shell.js'
import { EditorSyncProvider } from './editor-sync.js'

const TABS: readonly EditorTab[] = ['forms', 'workflows', 'views', 'automations', 'publish']

/** /builder/:app[/:tab]: loads the draft and the published version, then hands them to the editor. */
export function AppEditor() {
  const { t } = useT()
  const params = useParams()
  const app = params.app ?? ''
  const tab = TABS.find((candidate) => candidate === params.tab) ?? 'forms'
  const draft = useDraftQuery(app)
  const published = usePublished(app)
  if (draft.isPending || published.isPending) return <Skeleton active />
  const error = draft.error ?? published.error
  if (error || !draft.data) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('builder.editor.loadFailed', { message: error?.message ?? '' })}
      />
    )
  }
  return (
    <DraftProvider
      key={app}
      app={app}
      initial={draft.data.definition}
      published={published.data?.definition ?? null}
    >
      <SelectionProvider initialTab={tab}>
        <EditorSyncProvider>
          <EditorShell />
        </EditorSyncProvider>
      </SelectionProvider>
    </DraftProvider>
  )
}
