export { TesseraError, isTesseraError, type ErrorCode } from './errors.js'
export type * from './engine/engine-types.js'
export { openDatabase, type Store, type OpenOptions } from './store/dialect.js'
export type * from './store/database.js'
export {
  createIdentityStore,
  normalizeEmail,
  hashToken,
  type IdentityStore,
  type User,
  type Membership,
  type Member,
  type SessionInfo,
  type ApiTokenInfo,
} from './store/identity-store.js'
export {
  createDepartmentStore,
  type DepartmentStore,
  type NewDepartment,
  type DepartmentPatch,
} from './store/department-store.js'
export { orgChart, type Department, type OrgChart, type OrgChartView } from './org/org-chart.js'
export type { UnassignedReason } from './engine/assignee.js'
export { createFileStore, type FileStore, type StoredFile } from './store/file-store.js'
export { createAppStore, type AppStore, type AppSummary, type PublishedVersion } from './store/app-store.js'
export { createAuditStore, type AuditStore } from './store/audit-store.js'
export { createImportJobStore, type ImportJobStore, type ImportJob } from './store/import-job-store.js'
export {
  EXACT_TOTAL_LIMIT,
  listRecords,
  type ListPage,
  type ListParams,
  type ListRow,
  type ListScope,
} from './store/list-query.js'
export { isUniqueViolation } from './store/pg-errors.js'
export { isUuid } from './store/uuid.js'
export { analyzeImported } from './store/analyze-imported.js'
export { testDatabases, type TestDatabase } from './store/test-databases.js'
export { compileForm } from './form/compile-form.js'
export { formatSerial } from './form/serial-format.js'
export type {
  CompiledForm,
  FileRef,
  FormRefs,
  PrepareContext,
  PrepareResult,
  RelationRef,
  UserRef,
} from './form/form-types.js'
export type { ProblemCode } from './form/messages.js'
export {
  createEngine,
  type EngineOptions,
  type EngineHooks,
  type OutboxMessage,
  type TesseraEngine,
} from './engine/engine.js'
export type { ChangeNotice } from './engine/engine-context.js'
export {
  compileWorkflow,
  startWorkflow,
  stepWorkflow,
  persistWorkflow,
  restoreWorkflow,
  type PersistedWorkflow,
  type WorkflowEffect,
} from './workflow/compile-workflow.js'
export { createRecordStore, normalizeMatch, type RecordStore } from './store/record-store.js'
export { createWorkStore, type WorkStore } from './store/work-store.js'
export {
  createNotificationStore,
  toNotificationView,
  type NotificationDelivery,
  type NotificationStore,
  type NotificationView,
} from './store/notification-store.js'
export { createCounterStore, type CounterStore } from './store/counter-store.js'
export { manualClock, leadApp, addMembers, ADMIN } from './engine/test-kit.js'
export {
  createAutomationWorker,
  type AutomationWorker,
  type AutomationWorkerOptions,
  type DryRun,
  type TickResult,
} from './automation/automation-worker.js'
export type { RunFilter } from './automation/automation-store.js'
export { latestSlot, nextSlot } from './automation/cron-schedule.js'
export type { SummaryValue, FigureValue } from './automation/summary-figures.js'
export {
  createReportStore,
  type FunnelStageQuery,
  type SlaQuery,
  type ReportStore,
  type ReportQuery,
  type SeriesPoint,
  type MeasureOp,
} from './store/report-store.js'
export { rowScopes, actorScopeUsers, fieldAccess, type ActorInApp } from './engine/access.js'
export { loadBrowserCheck } from './form/load-validator-module.js'
