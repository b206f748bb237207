/**
 * The one normalization for matching what people typed against what is stored: Unicode NFKC,
 * invisible characters dropped, curly quotes straightened, case folded, runs of spaces collapsed.
 * `O’Brien  Logistics ` and `o'brien logistics` are the same name (C9); `GTXPro` and `GTX Pro` are
 * not (that takes a declared alias).
 */
export const normalizeText = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\u2018\u2019\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')

/** Header matching is looser: `_`, `-` and `.` count as spaces, so ` email `, `E-mail` and `e_mail` meet. */
export const normalizeHeader = (s: string): string => normalizeText(s.replace(/[_\-.]+/g, ' '))
