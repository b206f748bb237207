import { ADMIN, type Store, openDatabase } from '@tessera/runtime'
import type { AppDefinition } from '@tessera/schemas'
import { createServerEngine, createServerStore } from '@tessera/server'
import { afterEach, describe, expect, it } from 'vitest'
import { proofApp } from '../support/proof-app.js'
import { type Receiver, startReceiver } from '../support/proof-receiver.js'

/**
 * Issue 8: webhooks cannot reach loopback or private addresses unless an admin allows the host,
 * and a redirect is never followed (it could point inside). Proven through the server's engine and
 * its real sender against a receiver on 127.0.0.1.
 */
const open: { store?: Store; engine?: ReturnType<typeof createServerEngine>; receivers: Receiver[] } = {
  receivers: [],
}
const engine = () => {
  if (!open.engine) throw new Error('no engine')
  return open.engine
}
afterEach(async () => {
  await open.store?.close()
  for (const r of open.receivers.splice(0)) await r.close()
})

async function deliverOnce(webhookUrl: string, allowHosts: string[]) {
  const store = await openDatabase({ memory: true })
  open.store = store
  const server = await createServerStore(store, {})
  const engine = createServerEngine(store, server, {
    webhookAllowHosts: allowHosts,
    webhookTimeoutMs: 5000,
    deliverAfterCommit: false,
  })
  open.engine = engine
  await engine.publish('proof', proofApp({ webhookUrl, timer: 'PT1H' }) as unknown as AppDefinition, ADMIN)
  const rec = await engine.submit('proof', 'task', { ref: 'ssrf' }, ADMIN)
  await engine.transition(rec.id, 'start', {}, ADMIN, rec.version)
  const delivered = await engine.deliverOutbox(10)
  const [row] = await engine.outbox({ recordId: rec.id })
  return { delivered, row }
}

describe('proof: webhook targets (SSRF)', () => {
  it('refuses a loopback target that no admin allowed, without sending a byte', async () => {
    const receiver = await startReceiver()
    open.receivers.push(receiver)
    const { delivered, row } = await deliverOnce(receiver.url, [])
    expect(delivered).toBe(0)
    expect(receiver.deliveries).toHaveLength(0)
    expect(row?.status).toBe('pending')
    expect(row?.last_error).toMatch(/private or loopback/)
  })

  it('refuses private, link-local and metadata addresses written as IPs or mapped IPv6', async () => {
    for (const url of [
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const { row } = await deliverOnce(url, [])
      expect(row?.last_error, url).toMatch(/private or loopback/)
      await open.store?.close()
      open.store = undefined
    }
  })

  it('delivers to an allowed host, and never follows its redirect inside', async () => {
    const inside = await startReceiver()
    const hook = await startReceiver({ answer: () => 302, location: inside.url })
    open.receivers.push(inside, hook)
    const { delivered, row } = await deliverOnce(hook.url, ['127.0.0.1'])
    expect(hook.deliveries).toHaveLength(1)
    expect(inside.deliveries).toHaveLength(0)
    // A redirect is not a delivery: the message stays pending for a retry, with the reason kept.
    expect(delivered).toBe(0)
    expect(row?.last_error).toMatch(/302/)
    // Once the allowed host answers 2xx, the retry (after its 2 s backoff) delivers it.
    hook.setBehaviour({ answer: () => 204 })
    await new Promise((r) => setTimeout(r, 2100))
    expect(await engine().deliverOutbox(10)).toBe(1)
    expect(hook.accepted().size).toBe(1)
    expect(inside.deliveries).toHaveLength(0)
  })
})
