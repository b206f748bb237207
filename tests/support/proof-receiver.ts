import { type Server, createServer } from 'node:http'

export interface Delivery {
  key: string
  status: number
  at: number
  body: unknown
}

export interface ReceiverBehaviour {
  /** the status to answer for a delivery (default 200); `hang` never answers (a timeout) */
  answer?: (key: string, attempt: number) => number | 'hang'
  /** a Location header for 3xx answers (to prove redirects are not followed) */
  location?: string
}

export interface Receiver {
  url: string
  deliveries: Delivery[]
  /** keys answered 2xx */
  accepted(): Set<string>
  setBehaviour(b: ReceiverBehaviour): void
  close(): Promise<void>
}

/** A webhook receiver on 127.0.0.1 that records every attempt with its Idempotency-Key. */
export async function startReceiver(behaviour: ReceiverBehaviour = {}): Promise<Receiver> {
  let current = behaviour
  const deliveries: Delivery[] = []
  const attempts = new Map<string, number>()
  const hanging = new Set<import('node:http').ServerResponse>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size < 1_000_000) chunks.push(c)
    })
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '')
      const attempt = (attempts.get(key) ?? 0) + 1
      attempts.set(key, attempt)
      const answer = current.answer?.(key, attempt) ?? 200
      let body: unknown = null
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {}
      deliveries.push({ key, status: answer === 'hang' ? 0 : answer, at: Date.now(), body })
      if (answer === 'hang') {
        hanging.add(res)
        return
      }
      res.statusCode = answer
      if (current.location && answer >= 300 && answer < 400) res.setHeader('location', current.location)
      res.end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    accepted: () => new Set(deliveries.filter((d) => d.status >= 200 && d.status < 300).map((d) => d.key)),
    setBehaviour(b) {
      current = b
    },
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
