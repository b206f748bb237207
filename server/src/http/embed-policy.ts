import type { FastifyReply } from 'fastify'

/** The page of a public form link (the SPA route), the one page another site may frame. */
export const PUBLIC_FORM_PAGE = /^\/public\/forms\/[A-Za-z0-9_-]{20,100}\/?$/

/**
 * Lets any site embed this answer in an iframe (a public form on the company's website): the CSP's
 * `frame-ancestors 'none'` becomes `*`, and X-Frame-Options goes. Every other page stays unframeable.
 */
export function allowEmbedding(reply: FastifyReply): FastifyReply {
  const csp = reply.getHeader('content-security-policy')
  if (typeof csp === 'string')
    reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'))
  reply.removeHeader('x-frame-options')
  return reply
}
