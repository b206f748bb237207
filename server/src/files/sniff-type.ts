/** Image signatures: the bytes decide what an image is, never the name or the client's header. */
const SIGNATURES: { type: string; at: number; bytes: number[] }[] = [
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', at: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { type: 'application/pdf', at: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'application/zip', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
]

/** The type the first bytes prove, or null when they prove none. */
export function sniffType(head: Uint8Array): string | null {
  for (const sig of SIGNATURES) {
    if (head.length < sig.at + sig.bytes.length) continue
    if (sig.bytes.every((b, i) => head[sig.at + i] === b)) {
      // RIFF....WEBP: the container must be RIFF too
      if (
        sig.type === 'image/webp' &&
        !(head[0] === 0x52 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x46)
      )
        continue
      return sig.type
    }
  }
  return null
}

/**
 * The type stored for an upload. A file claiming to be an image must prove it by its bytes; a file
 * whose bytes prove an image is stored as that image; anything else keeps the client's type,
 * harmless because downloads are attachments with nosniff.
 */
export function decideType(
  declared: string,
  name: string,
  head: Uint8Array,
): { type: string } | { mismatch: string } {
  const sniffed = sniffType(head)
  const claimsImage = declared.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp|svg)$/i.test(name)
  if (claimsImage && !sniffed?.startsWith('image/')) return { mismatch: declared || name }
  if (sniffed) return { type: sniffed }
  return { type: /^[\w.+-]+\/[\w.+-]+$/.test(declared) ? declared : 'application/octet-stream' }
}
