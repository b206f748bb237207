import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readRows } from './read-rows.js'

const fromBytes = (bytes: Buffer | string, name = 'file.csv', encoding?: string) =>
  readRows({ stream: Readable.from([Buffer.from(bytes)]), name, ...(encoding ? { encoding } : {}) })

async function collect(bytes: Buffer | string, name?: string, encoding?: string) {
  const source = await fromBytes(bytes, name, encoding)
  const rows = []
  for await (const r of source.rows) rows.push(r)
  return { headers: source.headers, encoding: source.encoding, rows }
}

describe('readRows', () => {
  it('C6: strips a UTF-8 BOM from the first header and reads CRLF rows', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Email,First Name,Company\r\na@x.com,Ana,Acme\r\nb@x.com,Bo,Beta\r\nc@x.com,Cy,Gamma\r\n'),
    ])
    const r = await collect(file)
    expect(r.headers).toEqual(['Email', 'First Name', 'Company'])
    expect(r.rows.map((x) => x.cells[0])).toEqual(['a@x.com', 'b@x.com', 'c@x.com'])
    expect(r.rows.map((x) => x.row)).toEqual([2, 3, 4])
  })

  it('keeps quoted newlines and doubled quotes inside one cell, without shifting row numbers', async () => {
    const r = await collect('name,note\r\n"Ana","line 1\r\nline 2 ""quoted"""\r\nBo,plain\r\n')
    expect(r.rows).toEqual([
      { row: 2, cells: ['Ana', 'line 1\r\nline 2 "quoted"'] },
      { row: 3, cells: ['Bo', 'plain'] },
    ])
  })

  it('detects GBK with Chinese headers and decodes it', async () => {
    const r = await collect(
      iconv.encode(
        '邮箱,姓名,公司\r\nli@x.cn,李四,北京科技有限公司\r\nzh@x.cn,张三,上海贸易有限公司\r\n',
        'gbk',
      ),
    )
    expect(r.headers).toEqual(['邮箱', '姓名', '公司'])
    expect(r.rows[0]?.cells).toEqual(['li@x.cn', '李四', '北京科技有限公司'])
  })

  it('detects GBK in a mostly-ASCII file with a few Chinese cells (where chardet guesses Latin)', async () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) => `id-${i},${i % 50 === 0 ? '已回电 需跟进' : 'Ringing'},No`,
    )
    const r = await collect(iconv.encode(`id,tags,flag\r\n${rows.join('\r\n')}\r\n`, 'gbk'))
    expect(r.encoding).toBe('gb18030')
    expect(r.rows[0]?.cells[1]).toBe('已回电 需跟进')
  })

  it('C6: decodes Windows-1252 Müller as declared, never as mojibake', async () => {
    const bytes = iconv.encode('email,name\r\nm@x.de,Müller\r\n', 'win1252')
    expect(bytes.includes(0xfc)).toBe(true)
    const declared = await collect(bytes, 'f.csv', 'windows-1252')
    expect(declared.rows[0]?.cells[1]).toBe('Müller')
    // undeclared: either decoded right or refused, never `M�ller` / `MÃ¼ller`
    const guessed = await collect(bytes).catch((e: Error) => e)
    if (guessed instanceof Error) expect(guessed.message).toMatch(/encoding/i)
    else expect(guessed.rows[0]?.cells[1]).toBe('Müller')
  })

  it('stops with an encoding error on invalid UTF-8 past the sniffed head', async () => {
    const head = `a,b\r\n${'x,y\r\n'.repeat(20_000)}`
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0x7a, 0xff, 0xfe, 0x2c, 0x31, 0x0d, 0x0a])])
    await expect(collect(bytes, 'f.csv', 'utf-8')).rejects.toThrow(/not valid UTF-8/)
  })

  it('reads the first sheet of an XLSX with dates, numbers and rich text', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Leads')
    ws.addRow(['Email', 'Visits', 'Signed up'])
    ws.addRow(['a@x.com', 3, new Date(Date.UTC(2024, 0, 31))])
    ws.getCell('C2').numFmt = 'yyyy-mm-dd'
    ws.addRow([{ richText: [{ text: 'b@' }, { text: 'x.com' }] }, null, 45_322])
    const buffer = Buffer.from(await wb.xlsx.writeBuffer())
    const r = await collect(buffer, 'leads.xlsx')
    expect(r.headers).toEqual(['Email', 'Visits', 'Signed up'])
    expect(r.rows[0]?.cells[0]).toBe('a@x.com')
    expect(r.rows[0]?.cells[1]).toBe(3)
    expect(r.rows[0]?.cells[2]).toBeInstanceOf(Date)
    expect(r.rows[1]?.cells[0]).toBe('b@x.com')
    expect(r.rows[1]?.cells[2]).toBe(45_322)
  })
})

describe('readRows on what spreadsheets write', () => {
  it('keeps a bare quote inside an unquoted field as text, and the rows around it', async () => {
    const r = await collect(
      'name,company\r\nAna,Acme\r\nBob "The" Builder,Bob Co\r\n5" pipe,"Quoted, Ltd"\r\nCy,Gamma\r\n',
    )
    expect(r.rows).toEqual([
      { row: 2, cells: ['Ana', 'Acme'] },
      { row: 3, cells: ['Bob "The" Builder', 'Bob Co'] },
      { row: 4, cells: ['5" pipe', 'Quoted, Ltd'] },
      { row: 5, cells: ['Cy', 'Gamma'] },
    ])
  })

  it('still refuses a quoted field that is never closed, naming its line', async () => {
    await expect(collect('name,company\r\nAna,Acme\r\n"Bob,Bob Co\r\nCy,Gamma\r\n')).rejects.toThrow(
      /quote opened on line 3 is never closed/,
    )
  })

  it('skips blank lines (only empty cells) without shifting the row numbers', async () => {
    const r = await collect('name,company,city\r\nAna,Acme,X\r\n,,\r\n , ,\r\nBo,Beta,Y\r\n,,,,,\r\n')
    expect(r.rows).toEqual([
      { row: 2, cells: ['Ana', 'Acme', 'X'] },
      { row: 5, cells: ['Bo', 'Beta', 'Y'] },
    ])
  })
})
