import type { FastifyRequest } from 'fastify'

/** A bodyless POST (a publish button, a transition with If-Match) is an empty object, not a 400. */
export const optionalBody = async (request: FastifyRequest) => {
  if (request.body === undefined || request.body === null) request.body = {}
}
