import { proofApp } from './proof-app.js'
import { type Client, client, tokenFor } from './proof-client.js'
import { PROOF_ADMIN } from './proof-cluster.js'

export interface ProofWorld {
  /** one admin client per server process */
  admins: Client[]
  /** the admin's API token (valid on every process of the database) */
  token: string
  agents: { id: string; email: string }[]
}

/** Publishes the proof app through the first server and adds `agentCount` agents to it. */
export async function setupProofApp(
  bases: string[],
  options: { webhookUrl: string; timer: string; agentCount?: number },
): Promise<ProofWorld> {
  const first = bases[0]
  if (!first) throw new Error('no server')
  const token = await tokenFor(first, PROOF_ADMIN.email, PROOF_ADMIN.password)
  const admins = bases.map((b) => client(b, token))
  const admin = admins[0] as Client
  const definition = proofApp(options)
  const draft = await admin.call('PUT', '/api/apps/proof/draft', definition)
  if (draft.status !== 200) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`)
  const published = await admin.call('POST', '/api/apps/proof/publish', {})
  if (published.status !== 200)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`)
  const agents: ProofWorld['agents'] = []
  for (let i = 0; i < (options.agentCount ?? 3); i++) {
    const email = `agent${i}@proof.test`
    const user = await admin.call<{ id: string }>('POST', '/api/users', {
      email,
      name: `Agent ${i}`,
      password: `agent ${i} password`,
    })
    if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`)
    const member = await admin.call('PUT', `/api/apps/proof/members/${user.body.id}`, {
      roles: ['agent'],
      attributes: {},
    })
    if (member.status !== 200) throw new Error(`member: ${member.status} ${JSON.stringify(member.body)}`)
    agents.push({ id: user.body.id, email })
  }
  return { admins, token, agents }
}

/** Runs `jobs` with at most `width` at a time. */
export async function pooled<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await (jobs[i] as () => Promise<T>)()
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker))
  return results
}
