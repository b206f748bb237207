/**
 * Decodes the first bytes of a CSV for the preview the way the server's import does
 * (server/src/import/decode-text.ts): a UTF-8 BOM means UTF-8, a declared encoding is used as
 * declared, else valid UTF-8 is UTF-8, else GBK-looking bytes (even runs of high bytes that decode
 * to Chinese) are GB18030, else Windows-1252. A character cut at the end of the sample is dropped.
 */
export function decodeHead(bytes: Uint8Array, declared: string): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  if (declared !== 'auto') return new TextDecoder(declared).decode(body, { stream: true })
  if (hasBom) return new TextDecoder('utf-8').decode(body, { stream: true })
  return decodeStrict(body, 'utf-8') ?? gbkText(body) ?? new TextDecoder('windows-1252').decode(body)
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true })
  } catch {
    return null
  }
}

/** GBK writes every non-ASCII character as a pair of high bytes; Latin-1 text has lone ones. */
function gbkText(bytes: Uint8Array): string | null {
  let run = 0
  for (const byte of bytes) {
    if (byte >= 0x80) run++
    else if (run % 2 === 1) return null
    else run = 0
  }
  const text = decodeStrict(bytes, 'gb18030')
  return text !== null && /[\u4E00-\u9FFF]/.test(text) ? text : null
}
