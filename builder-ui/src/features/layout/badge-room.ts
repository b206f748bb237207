/** What a small antd badge shows for a count: "99+" past the overflow. */
export const badgeText = (count: number, overflow = 99) => (count > overflow ? `${overflow}+` : String(count))

/**
 * How far (px) a small badge with this count sticks out to the right of the icon it sits on: it is
 * centred on the icon's top-right corner, so half its width. The bell and the inbox link keep that
 * much room after the icon, so "99+" does not run under the language switch nor "8" over "Inbox".
 */
export function badgeOverhang(count: number, overflow = 99): number {
  if (count <= 0) return 0
  // a small badge: 14 px high, at least as wide, about 7 px a character and 4 px padding a side
  const width = Math.max(14, badgeText(count, overflow).length * 7 + 8)
  return Math.ceil(width / 2)
}
