import { readFile } from 'node:fs/promises'
import {
  formatProblem,
  localized,
  type MessageLanguage,
  type Problem,
  parseJsonText,
  verifyApp,
} from '@tessera/schemas'

export interface CheckArgs {
  file: string
  json?: boolean
  lang?: MessageLanguage
}

/** Where `runCheck` writes; each call is one whole line without its newline. */
export interface CheckOutput {
  stdout(line: string): void
  stderr(line: string): void
}

/** A problem of the file itself (unreadable, not JSON): same shape as the verifier's, plus a position. */
interface FileProblem extends Problem {
  line?: number
  column?: number
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function summary(
  definition: { key: string; forms: unknown[]; workflows?: unknown[] },
  lang: MessageLanguage,
) {
  const forms = definition.forms.length
  const workflows = definition.workflows?.length ?? 0
  return lang === 'zh-CN'
    ? `ok: ${definition.key} — ${forms} 个表单，${workflows} 个流程`
    : `ok: ${definition.key} — ${count(forms, 'form', 'forms')}, ${count(workflows, 'workflow', 'workflows')}`
}

async function readDefinition(file: string): Promise<{ value: unknown } | { problem: FileProblem }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT'
    const reason = e instanceof Error ? e.message : String(e)
    if (missing)
      return {
        problem: {
          path: '/',
          code: 'file_unreadable',
          message: localized(`没有文件：${file}`, `no file at ${file}`),
        },
      }
    return {
      problem: {
        path: '/',
        code: 'file_unreadable',
        message: localized(`无法读取 ${file}：${reason}`, `cannot read ${file}: ${reason}`),
      },
    }
  }
  // A CSV, a YAML or a binary file is not a broken definition: say what it is not, plainly.
  const body = text.replace(/^\uFEFF/, '').trimStart()
  if (body !== '' && !body.startsWith('{')) {
    const start = JSON.stringify(
      body
        .slice(0, 20)
        .split(/\r?\n/)[0]!
        .replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?'),
    )
    return {
      problem: {
        path: '/',
        code: 'json_syntax',
        line: 1,
        column: 1,
        message: localized(
          `${file} 不是 JSON 应用定义：定义是以 { 开头的 JSON 对象，而该文件以 ${start} 开头`,
          `${file} is not a JSON app definition: one is a JSON object starting with {, and this file starts with ${start}`,
        ),
      },
    }
  }
  const parsed = parseJsonText(text)
  if (parsed.ok) return { value: parsed.value }
  const where = `${parsed.line}:${parsed.column}`
  // the scanner's "expected null" means a bare word where a value belongs
  const reason = /^expected (null|true|false)$/.test(parsed.message)
    ? localized(
        '此处应为值：带双引号的字符串、数字、对象、数组、true、false 或 null',
        'a value belongs here: a "string" in double quotes, a number, an object, an array, true, false or null',
      )
    : localized(parsed.message, parsed.message)
  return {
    problem: {
      path: '/',
      code: 'json_syntax',
      line: parsed.line,
      column: parsed.column,
      message: localized(
        `${file}:${where} 不是有效的 JSON（第 ${parsed.line} 行第 ${parsed.column} 列）：${reason['zh-CN']}`,
        `${file}:${where} is not valid JSON (line ${parsed.line}, column ${parsed.column}): ${reason.en}`,
      ),
    },
  }
}

/**
 * `tessera check <app.json>`: exit 0 and a one-line summary when the definition verifies, else exit 1
 * and one `<json-pointer>: <code>: <message>` line per problem (`--json`: the problem list as JSON).
 * An unreadable file or broken JSON is exit 1 too, naming the line and column of the syntax error.
 */
export async function runCheck(args: CheckArgs, out: CheckOutput): Promise<number> {
  const lang = args.lang ?? 'en'
  const read = await readDefinition(args.file)
  if ('problem' in read) {
    if (args.json) out.stdout(JSON.stringify([read.problem], null, 2))
    else out.stderr(`${read.problem.code}: ${read.problem.message[lang]}`)
    return 1
  }
  const result = verifyApp(read.value)
  if (args.json) out.stdout(JSON.stringify(result.errors, null, 2))
  else if (result.ok)
    out.stdout(summary(read.value as { key: string; forms: unknown[]; workflows?: unknown[] }, lang))
  else for (const problem of result.errors) out.stdout(formatProblem(problem, lang))
  return result.ok ? 0 : 1
}
