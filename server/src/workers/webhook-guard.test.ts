import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { assertWebhookTarget, createWebhookSender, isBlockedAddress } from './webhook-guard.js'

describe('webhook SSRF guard', () => {
  it('blocks loopback, private, link-local and mapped addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(isBlockedAddress(a), a).toBe(true)
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(isBlockedAddress(a), a).toBe(false)
  })

  it('refuses a name that resolves to a private address, and other schemes', async () => {
    const resolve = async () => [{ address: '93.184.216.34' }, { address: '10.0.0.5' }]
    await expect(assertWebhookTarget('https://mixed.example.com/hook', [], resolve)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(assertWebhookTarget('file:///etc/passwd', [])).rejects.toMatchObject({ code: 'INVALID' })
    await expect(assertWebhookTarget('http://[::1]:8080/x', [])).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const ok = await assertWebhookTarget('https://public.example.com/hook', [], async () => [
      { address: '93.184.216.34' },
    ])
    expect(ok.hostname).toBe('public.example.com')
  })

  it('delivers to a listed host with the idempotency key, and times out a slow one', async () => {
    const seen: (string | undefined)[] = []
    const server = createServer((req, res) => {
      seen.push(req.headers['idempotency-key'] as string | undefined)
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000)
      res.statusCode = 204
      res.end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    try {
      const refused = createWebhookSender({ allowHosts: [], timeoutMs: 500 })
      await expect(refused(`http://127.0.0.1:${port}/hook`, {}, 'k0')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const send = createWebhookSender({ allowHosts: ['127.0.0.1'], timeoutMs: 300 })
      await expect(send(`http://127.0.0.1:${port}/hook`, { a: 1 }, 'k1')).resolves.toEqual({
        status: 204,
        body: '',
      })
      expect(seen).toEqual(['k1'])
      await expect(send(`http://127.0.0.1:${port}/slow`, {}, 'k2')).rejects.toThrow()
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
