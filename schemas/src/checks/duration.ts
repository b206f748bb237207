import type { LocalizedMessage } from '../app-definition.js'
import { localized } from '../problems.js'

const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/

/** Why `text` is not a usable ISO 8601 duration (`P1D`, `PT24H`, `P1Y2M`), or undefined when it is. */
export function durationProblem(text: string): LocalizedMessage | undefined {
  const match = ISO_DURATION.exec(text)
  if (!match || text === 'P' || text.endsWith('T'))
    return localized(
      `'${text}' 不是 ISO 8601 时长（如 PT24H、P3D）`,
      `'${text}' is not an ISO 8601 duration (e.g. PT24H, P3D)`,
    )
  if (match.slice(1).every((part) => part === undefined || Number(part.replace(',', '.')) === 0))
    return localized(`时长 '${text}' 必须大于零`, `duration '${text}' must be longer than zero`)
  return undefined
}
