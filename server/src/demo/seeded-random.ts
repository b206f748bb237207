/** mulberry32: a small seeded PRNG, so every demo run makes the same choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Picks one of `choices` by weight. */
export function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((s, [, w]) => s + w, 0)
  let r = random() * total
  for (const [value, w] of choices) {
    r -= w
    if (r < 0) return value
  }
  return (choices.at(-1) as readonly [T, number])[0]
}
