import type { LoadedApp } from './app-registry.js'

/**
 * The zone an app's dates, `today`, `now` and calendar durations are read in: the app's
 * `timeZone` when it declares one, else the engine's.
 */
export const appTimeZone = (app: LoadedApp | undefined, engineTimeZone: string): string =>
  app?.definition.timeZone ?? engineTimeZone
