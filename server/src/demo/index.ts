export { runDemo, type RunDemoOptions } from './run-demo.js'
export { createDemoClock, type MovableClock } from './demo-clock.js'
export { formatDemoReport } from './format-demo-report.js'
export type { DemoImport, DemoReport, FunnelRow } from './demo-types.js'
