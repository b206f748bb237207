/**
 * A bare fastify process (one JSON route, no database) run the same way as `tessera start`
 * (node --import tsx): the memory baseline. Prints its port on the first stdout line.
 */
import Fastify from 'fastify'

const app = Fastify()
app.get('/api/health', async () => ({ ok: true }))
const address = await app.listen({ port: 0, host: '127.0.0.1' })
console.log(new URL(address).port)
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
