import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
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
  if (allowHosts.includes(host)) return target
  const addresses = isIP(host) ? [{ address: host }] : await resolve(host).catch(() => [])
  if (addresses.length === 0) throw fail('INVALID', `Cannot resolve ${host}`, `无法解析 ${host}`)
  if (addresses.some((a) => isBlockedAddress(a.address)))
    throw fail(
      'FORBIDDEN',
      `Webhook target ${host} is a private or loopback address`,
      `Webhook 目标 ${host} 是内网或回环地址`,
    )
  return target
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
  return async (url: string, body: unknown, idempotencyKey: string): Promise<{ status: number }> => {
    const target = await assertWebhookTarget(url, options.allowHosts, options.resolve)
    const res = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        'user-agent': 'tessera-webhook/0.1',
      },
      body: JSON.stringify(body ?? null),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    await res.body?.cancel().catch(() => {})
    if (res.status >= 300) throw new Error(`webhook ${target.host} answered ${res.status}`)
    return { status: res.status }
  }
}
