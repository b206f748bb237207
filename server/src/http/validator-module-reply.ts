import type { FastifyReply } from 'fastify'

/**
 * Sends a form's validator module. A published version never changes, so the answer to a request
 * naming the current version (`?v=`) is cached for good; any other is revalidated each time.
 * `private`: the module reveals the form's rules, which only its members (or a link's holders) see.
 */
export function sendValidatorModule(reply: FastifyReply, source: string, version: number, asked?: number) {
  return reply
    .type('text/javascript; charset=utf-8')
    .header('x-form-version', String(version))
    .header('cache-control', asked === version ? 'private, max-age=31536000, immutable' : 'private, no-cache')
    .send(source)
}
