import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCheck } from './check-command.js'

const example = new URL('../../../schemas/src/fixtures/design-example.json', import.meta.url)

function capture() {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: { stdout: (s: string) => stdout.push(s), stderr: (s: string) => stderr.push(s) },
  }
}

describe('runCheck', () => {
  let dir: string
  let exampleText: string
  const file = (name: string) => join(dir, name)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-check-'))
    exampleText = await readFile(example, 'utf8')
    await writeFile(file('crm.json'), exampleText)
    const broken = JSON.parse(exampleText)
    broken.forms[0].fields[0].type = 'strng'
    await writeFile(file('bad-shape.json'), JSON.stringify(broken))
    const semantic = JSON.parse(exampleText)
    semantic.workflows[0].form = 'leads'
    semantic.workflows[0].timers[0].after = '24h'
    await writeFile(file('bad-refs.json'), JSON.stringify(semantic))
    await writeFile(file('syntax.json'), '{\n  "key": "crm",\n  "name": "CRM"\n  "roles": []\n}\n')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('exits 0 with a one-line summary for the agreed example', async () => {
    const c = capture()
    expect(await runCheck({ file: file('crm.json') }, c.out)).toBe(0)
    expect(c.stdout).toEqual(['ok: crm — 1 form, 1 workflow'])
    expect(c.stderr).toEqual([])
  })

  it('words the summary in Chinese with --lang zh-CN', async () => {
    const c = capture()
    expect(await runCheck({ file: file('crm.json'), lang: 'zh-CN' }, c.out)).toBe(0)
    expect(c.stdout).toEqual(['ok: crm — 1 个表单，1 个流程'])
  })

  it('prints one pointer: code: message line per problem and exits 1', async () => {
    const c = capture()
    expect(await runCheck({ file: file('bad-shape.json') }, c.out)).toBe(1)
    expect(c.stdout).toEqual(["/forms/0/fields/0/type: enum: unknown field type 'strng'"])
  })

  it('lists semantic problems, in the chosen language', async () => {
    const en = capture()
    expect(await runCheck({ file: file('bad-refs.json') }, en.out)).toBe(1)
    expect(en.stdout).toEqual([
      "/workflows/0/form: unknown_form: form 'leads' does not exist (did you mean 'lead'?)",
      "/workflows/0/timers/0/after: invalid_duration: '24h' is not an ISO 8601 duration (e.g. PT24H, P3D)",
    ])
    const zh = capture()
    await runCheck({ file: file('bad-refs.json'), lang: 'zh-CN' }, zh.out)
    expect(zh.stdout[0]).toBe("/workflows/0/form: unknown_form: 表单 'leads' 不存在（是否想写 'lead'？）")
  })

  it('prints the problem list as JSON with --json', async () => {
    const c = capture()
    expect(await runCheck({ file: file('bad-refs.json'), json: true }, c.out)).toBe(1)
    const list = JSON.parse(c.stdout.join('\n'))
    expect(list.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([
      ['/workflows/0/form', 'unknown_form'],
      ['/workflows/0/timers/0/after', 'invalid_duration'],
    ])
    expect(list[0].message).toHaveProperty('zh-CN')
    const ok = capture()
    expect(await runCheck({ file: file('crm.json'), json: true }, ok.out)).toBe(0)
    expect(JSON.parse(ok.stdout.join('\n'))).toEqual([])
  })

  it('names the line and column of a JSON syntax error', async () => {
    const c = capture()
    expect(await runCheck({ file: file('syntax.json') }, c.out)).toBe(1)
    expect(c.stderr).toHaveLength(1)
    expect(c.stderr[0]).toContain('syntax.json:4:3')
    expect(c.stderr[0]).toContain('line 4, column 3')
    const json = capture()
    expect(await runCheck({ file: file('syntax.json'), json: true }, json.out)).toBe(1)
    expect(JSON.parse(json.stdout.join('\n'))[0]).toMatchObject({
      path: '/',
      code: 'json_syntax',
      line: 4,
      column: 3,
    })
  })

  it('exits 1 for a file it cannot read', async () => {
    const c = capture()
    expect(await runCheck({ file: file('missing.json') }, c.out)).toBe(1)
    expect(c.stderr[0]).toMatch(/^file_unreadable: no file at .*missing\.json$/)
  })

  it('says plainly that a CSV or a binary file is not a JSON definition', async () => {
    await writeFile(file('leads.json'), 'name,email\nAna,ana@example.com\n')
    await writeFile(file('blob.json'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]))
    const csv = capture()
    expect(await runCheck({ file: file('leads.json') }, csv.out)).toBe(1)
    expect(csv.stderr).toEqual([
      `json_syntax: ${file('leads.json')} is not a JSON app definition: one is a JSON object starting with {, and this file starts with "name,email"`,
    ])
    const blob = capture()
    expect(await runCheck({ file: file('blob.json'), lang: 'zh-CN' }, blob.out)).toBe(1)
    expect(blob.stderr[0]).toContain('不是 JSON 应用定义')
    expect(blob.stderr[0]).not.toContain('expected')
  })

  it('explains a bare word where a JSON value belongs instead of "expected null"', async () => {
    await writeFile(file('bare.json'), '{"key": nope}')
    const c = capture()
    expect(await runCheck({ file: file('bare.json') }, c.out)).toBe(1)
    expect(c.stderr[0]).toContain('line 1, column 9): a value belongs here: a "string" in double quotes')
  })
})
