import chardet from 'chardet'
import iconv from 'iconv-lite'
import { importError } from './import-error.js'

/** How many bytes are sniffed to pick an encoding: enough for chardet, small enough to stay streaming. */
const SAMPLE_BYTES = 64 * 1024
const MULTI_BYTE = /^(GB18030|GBK|GB2312|Big5|Shift_JIS|EUC-JP|EUC-KR|ISO-2022)/i
const LATIN = /^(ISO-8859-1|ISO-8859-15|windows-1252)$/i

export interface DecodedText {
  /** the encoding the bytes were read as, e.g. `utf-8`, `gb18030`, `windows-1252` */
  encoding: string
  /** how it was chosen */
  how: 'bom' | 'declared' | 'utf-8' | 'detected'
  chunks: AsyncIterable<string>
}

/**
 * Decodes a byte stream to text without holding the file: a UTF-8 BOM is stripped (C6), a declared
 * encoding is used as declared, else valid UTF-8 is UTF-8, else chardet's guess when it is confident.
 * Bytes that are not valid in the chosen encoding stop the import with an ENCODING error: we never
 * store `M�ller` or `MÃ¼ller`.
 */
export async function decodeText(bytes: AsyncIterable<Uint8Array>, declared?: string): Promise<DecodedText> {
  const iterator = bytes[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let headSize = 0
  let ended = false
  while (headSize < SAMPLE_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    const chunk = Buffer.from(next.value)
    head.push(chunk)
    headSize += chunk.length
  }
  let sample = Buffer.concat(head)
  const rest = async function* (): AsyncIterable<Buffer> {
    if (sample.length > 0) yield sample
    if (ended) return
    while (true) {
      const next = await iterator.next()
      if (next.done) return
      yield Buffer.from(next.value)
    }
  }

  const hasUtf8Bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf
  if (hasUtf8Bom) sample = sample.subarray(3)
  if (declared && !/^utf-?8$/i.test(declared.trim())) {
    const encoding = declared.trim().toLowerCase()
    if (!iconv.encodingExists(encoding))
      throw importError('ENCODING', {
        'zh-CN': `不支持的编码 ${declared}`,
        en: `unsupported encoding ${declared}`,
      })
    return { encoding, how: 'declared', chunks: decodeWithIconv(rest(), encoding) }
  }
  if (hasUtf8Bom || declared)
    return { encoding: 'utf-8', how: hasUtf8Bom ? 'bom' : 'declared', chunks: decodeUtf8(rest()) }
  if (isUtf8Prefix(sample)) return { encoding: 'utf-8', how: 'utf-8', chunks: decodeUtf8(rest()) }

  const guess = pickEncoding(sample)
  if (!guess)
    throw importError('ENCODING', {
      'zh-CN': '文件不是 UTF-8 编码，也无法可靠识别其编码；请指定编码（如 GBK 或 Windows-1252）后重试',
      en: 'the file is not UTF-8 and its encoding cannot be detected reliably; declare the encoding (e.g. GBK or Windows-1252) and retry',
    })
  return { encoding: guess, how: 'detected', chunks: decodeWithIconv(rest(), guess) }
}

/** chardet's guess, only when it is trustworthy: a CJK double-byte guess must be confident, and a
 * Latin single-byte guess must have no double-byte rival (those would decode to mojibake). */
function pickEncoding(sample: Buffer): string | null {
  if (looksLikeGbk(sample)) return 'gb18030'
  const matches = chardet.analyse(sample)
  const top = matches[0]
  if (!top) return null
  if (LATIN.test(top.name)) {
    const rival = matches.some((m) => MULTI_BYTE.test(m.name) && m.confidence >= 30)
    return rival ? null : 'windows-1252'
  }
  if (top.confidence >= 60 && iconv.encodingExists(top.name)) return top.name.toLowerCase()
  return null
}

/**
 * Mostly-ASCII files with a few Chinese cells fool chardet into a Latin guess (mojibake). GBK writes
 * every non-ASCII character as a pair of high bytes; Latin-1 text has lone high bytes (`Müller`). So:
 * every run of high bytes has even length, the whole sample decodes as GB18030, and it holds CJK.
 */
function looksLikeGbk(sample: Buffer): boolean {
  let run = 0
  let runs = 0
  for (const byte of sample) {
    if (byte >= 0x80) run++
    else {
      if (run % 2 === 1) return false
      if (run > 0) runs++
      run = 0
    }
  }
  if (run > 0 && run % 2 === 1 && sample.length < SAMPLE_BYTES) return false
  if (runs === 0 && run === 0) return false
  // a sample cut inside a character must not count against it
  let end = sample.length
  if (sample.length >= SAMPLE_BYTES) while (end > 0 && (sample[end - 1] as number) >= 0x80) end--
  const text = iconv.decode(sample.subarray(0, end), 'gb18030')
  return !text.includes('\uFFFD') && /[\u4E00-\u9FFF]/.test(text)
}

/** Valid UTF-8, allowing the sample to end inside a character. */
function isUtf8Prefix(sample: Buffer): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    decoder.decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let offset = 0
  for await (const chunk of chunks) {
    try {
      yield decoder.decode(chunk, { stream: true })
    } catch {
      throw invalidBytes('UTF-8', offset, offset + chunk.length)
    }
    offset += chunk.length
  }
  try {
    yield decoder.decode()
  } catch {
    throw invalidBytes('UTF-8', offset, offset)
  }
}

async function* decodeWithIconv(chunks: AsyncIterable<Buffer>, encoding: string): AsyncIterable<string> {
  const decoder = iconv.getDecoder(encoding)
  let offset = 0
  for await (const chunk of chunks) {
    const text = decoder.write(chunk)
    // iconv-lite writes U+FFFD for a byte sequence the encoding lacks: that is a wrong encoding, not data.
    if (text.includes('\uFFFD')) throw invalidBytes(encoding, offset, offset + chunk.length)
    offset += chunk.length
    yield text
  }
  const tail = decoder.end()
  if (tail?.includes('\uFFFD')) throw invalidBytes(encoding, offset, offset)
  if (tail) yield tail
}

const invalidBytes = (encoding: string, from: number, to: number) =>
  importError('ENCODING', {
    'zh-CN': `文件在第 ${from}-${to} 字节处含有 ${encoding} 无法解码的字节；请确认文件编码后重试`,
    en: `the file has bytes that are not valid ${encoding} (between byte ${from} and ${to}); check the file's encoding and retry`,
  })
