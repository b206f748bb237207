import { type Algorithm, hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline (19 MiB, 2 passes); tests may lower the cost through `passwordCost`.
const defaultCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }
// Algorithm.Argon2id; the enum is ambient const, which verbatimModuleSyntax cannot read.
const ARGON2ID = 2 as Algorithm

export interface PasswordCost {
  memoryCost: number
  timeCost: number
}

export const hashPassword = (password: string, cost: Partial<PasswordCost> = {}) =>
  hash(password, { ...defaultCost, ...cost, algorithm: ARGON2ID })

// A fixed hash verified when the account is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword('decoy password never matches')
    await verify(await decoyHash, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}

/** The password policy, one place: long enough to matter, short enough for argon2. */
export const passwordProblem = (password: string): { en: string; 'zh-CN': string } | null => {
  // ten spaces are ten characters, and no secret
  if (password.trim() === '') return { en: 'must not be blank', 'zh-CN': '不能为空白' }
  if ([...password].length < 10) return { en: 'must be at least 10 characters', 'zh-CN': '至少 10 个字符' }
  if (password.length > 256) return { en: 'must be at most 256 characters', 'zh-CN': '最多 256 个字符' }
  return null
}
