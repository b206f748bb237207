import type { Problem } from './app-definition.js'

/** Thrown by `parseApp` for a definition the verifier rejects; `problems` lists every finding. */
export class DefinitionError extends Error {
  readonly code = 'DEFINITION_INVALID'
  constructor(readonly problems: Problem[]) {
    const first = problems[0]
    super(
      first
        ? `app definition rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}); first: ${first.path}: ${first.code}: ${first.message.en}`
        : 'app definition rejected',
    )
    this.name = 'DefinitionError'
  }
}

export const isDefinitionError = (e: unknown): e is DefinitionError => e instanceof DefinitionError
