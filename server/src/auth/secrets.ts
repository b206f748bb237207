import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes, URL-safe: session ids, CSRF tokens, API tokens, public-link tokens. */
export const randomToken = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`

/** Tokens are stored as their sha256 only, so a leaked table opens no session. */
export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex')

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
