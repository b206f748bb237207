import type { LocalizedMessage } from '@tessera/schemas'
import { TesseraError } from '@tessera/runtime'

/** What stops a whole import (as opposed to one row): the file, not its data. */
export type ImportErrorCode = 'ENCODING' | 'FORMAT' | 'MAPPING' | 'PROFILE'

/** A file-level import failure: 422 with one problem at `/file` naming what is wrong. */
export const importError = (code: ImportErrorCode, message: LocalizedMessage): TesseraError =>
  new TesseraError('INVALID', message, {
    importCode: code,
    problems: [{ path: '/file', code: code.toLowerCase(), message }],
  })
