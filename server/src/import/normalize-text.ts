// A file repeats its short values (options, yes/no, empties): each distinct one is worked out once.
const MEMO_LENGTH = 200
const MEMO_ENTRIES = 50_000
const seen = new Map<string, string>()

/**
 * The one normalization for matching what people typed against what is stored: Unicode NFKC,
 * invisible characters dropped, curly quotes straightened, case folded, runs of spaces collapsed.
 * `O’Brien  Logistics ` and `o'brien logistics` are the same name (C9); `GTXPro` and `GTX Pro` are
 * not (that takes a declared alias).
 */
export const normalizeText = (s: string): string => {
  if (s.length > MEMO_LENGTH) return normalize(s)
  const known = seen.get(s)
  if (known !== undefined) return known
  const out = normalize(s)
  if (seen.size >= MEMO_ENTRIES) seen.clear()
  seen.set(s, out)
  return out
}

function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\u2018\u2019\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
}

/** Header matching is looser: `_`, `-` and `.` count as spaces, so ` email `, `E-mail` and `e_mail` meet. */
export const normalizeHeader = (s: string): string => normalizeText(s.replace(/[_\-.]+/g, ' '))
