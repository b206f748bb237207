import { lookup } from 'node:dns/promises'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { fail } from '../http-errors.js'

// Loopback, private, link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast, reserved.
const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6')

/** Whether an address is one a webhook must not reach (IPv4-mapped IPv6 judged as its IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4')
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) return blocked.check(address, 'ipv6')
  return true
}

export type Resolver = (host: string) => Promise<{ address: string }[]>
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true })

/**
 * SSRF guard: a webhook URL must be http(s) and resolve only to public addresses, unless its host
 * is listed in TESSERA_WEBHOOK_ALLOW_HOSTS. Every resolved address is checked, so a name with one
 * public and one private record is refused.
 */
export async function assertWebhookTarget(
  url: string,
  allowHosts: string[],
  resolve: Resolver = systemResolver,
): Promise<URL> {
  return (await checkWebhookTarget(url, allowHosts, resolve)).target
}

/** The checked URL and, unless its host is allowed by name, the one address the request must use. */
async function checkWebhookTarget(
  url: string,
  allowHosts: string[],
  resolve: Resolver = systemResolver,
): Promise<{ target: URL; address?: string }> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw fail('INVALID', `Not a URL: ${url}`, `不是有效的 URL：${url}`)
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw fail(
      'INVALID',
      `Webhooks use http or https, not ${target.protocol}`,
      `Webhook 只能使用 http 或 https，而不是 ${target.protocol}`,
    )
  if (target.username || target.password)
    throw fail('INVALID', 'A webhook URL must not carry credentials', 'Webhook URL 不能包含凭据')
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (allowHosts.includes(host)) return { target }
  const addresses = isIP(host) ? [{ address: host }] : await resolve(host).catch(() => [])
  if (addresses.length === 0) throw fail('INVALID', `Cannot resolve ${host}`, `无法解析 ${host}`)
  if (addresses.some((a) => isBlockedAddress(a.address)))
    throw fail(
      'FORBIDDEN',
      `Webhook target ${host} is a private or loopback address`,
      `Webhook 目标 ${host} 是内网或回环地址`,
    )
  return { target, address: addresses[0]?.address }
}

// DNS rebinding: the connection goes to the address that was checked, never to a second lookup's.
const pinnedLookup =
  (address: string): LookupFunction =>
  (_host, options, callback) => {
    const family = isIP(address)
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }

export interface WebhookSenderOptions {
  allowHosts: string[]
  timeoutMs: number
  resolve?: Resolver
}

/**
 * Sends one webhook: guarded, with a timeout, redirects not followed (a redirect could point
 * inside), the idempotency key as a header so receivers can drop repeats of at-least-once delivery.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  return async (
    url: string,
    body: unknown,
    idempotencyKey: string,
  ): Promise<{ status: number; body: string }> => {
    const { target, address } = await checkWebhookTarget(url, options.allowHosts, options.resolve)
    const payload = JSON.stringify(body ?? null)
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    // Redirects are not followed: node's request never does.
    // The answer's first 64 KiB are kept: chat robots say in the body whether they took the message.
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'idempotency-key': idempotencyKey,
            'user-agent': 'tessera-webhook/0.1',
          },
          timeout: options.timeoutMs,
          ...(address ? { lookup: pinnedLookup(address) } : {}),
        },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            if (size < 65_536) chunks.push(chunk)
            size += chunk.length
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8').slice(0, 65_536),
            }),
          )
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new Error(`webhook ${target.host} timed out`)))
      req.on('error', reject)
      req.end(payload)
    })
    if (status >= 300) throw new Error(`webhook ${target.host} answered ${status}`)
    return { status, body: text }
  }
}
