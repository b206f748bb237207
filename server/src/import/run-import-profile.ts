import { join } from 'node:path'
import type { ImportProfile } from '@tessera/schemas'
import { importMembers } from './import-members.js'
import type { ImportProgress, ImportSummary, RunImportOptions } from './import-types.js'
import { runImport } from './run-import.js'

export interface ProfileRunSummary {
  profile: string
  steps: { step: string; file: string; form: string; summary: ImportSummary }[]
}

/**
 * Runs every step of a profile in order over the files of one folder (members before the records
 * that name them, accounts before the opportunities that link them).
 */
export async function runImportProfile(
  options: Omit<RunImportOptions, 'form' | 'source' | 'profile' | 'step' | 'mapping' | 'onProgress'> & {
    profile: ImportProfile
    dir: string
    onProgress?: (step: string, progress: ImportProgress) => void
  },
): Promise<ProfileRunSummary> {
  const result: ProfileRunSummary = { profile: options.profile.key, steps: [] }
  for (const step of options.profile.steps) {
    const source = {
      path: join(options.dir, step.file),
      ...(step.encoding ? { encoding: step.encoding } : {}),
    }
    const summary =
      step.form === '$members'
        ? await importMembers(options.store, options.app.key, step, source)
        : await runImport({
            ...options,
            form: step.form,
            source,
            profile: options.profile,
            step: step.key,
            onProgress: (p) => options.onProgress?.(step.key, p),
          })
    result.steps.push({ step: step.key, file: step.file, form: step.form, summary })
  }
  return result
}
