/**
 * autocannon in a process of its own, so a profile of the server leaves the load generator out.
 * LOAD_SPEC (JSON): url, connections, duration, method, headers, body, and optionally `idsFile` (a JSON
 * array of record ids) with a `pathTemplate` containing `:id`, walked one record per request. Prints autocannon's summary JSON.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

const spec = JSON.parse(process.env.LOAD_SPEC ?? '{}') as {
  url: string
  connections: number
  duration: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  idsFile?: string
  pathTemplate?: string
}
let next = 0
const ids: string[] = spec.idsFile ? JSON.parse(readFileSync(spec.idsFile, 'utf8')) : []
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.duration,
  method: spec.method ?? 'GET',
  headers: spec.headers,
  body: spec.body,
  ...(ids.length && spec.pathTemplate
    ? {
        amount: ids.length,
        requests: [
          {
            method: spec.method ?? 'POST',
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              path: spec.pathTemplate!.replace(':id', ids[next++ % ids.length]!),
            }),
          },
        ],
      }
    : {}),
})
console.log(
  JSON.stringify({
    requests: result['2xx'] + result.non2xx,
    rps: result['2xx'] / result.duration,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  }),
)
