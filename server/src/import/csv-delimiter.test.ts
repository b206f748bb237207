import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { sniffDelimiter } from '@tessera/schemas'
import { parseDelimiter } from './csv-delimiter.js'
import { readRows } from './read-rows.js'

async function read(text: string, delimiter?: string) {
  const source = await readRows({
    stream: Readable.from([Buffer.from(text)]),
    name: 'file.csv',
    ...(delimiter ? { delimiter } : {}),
  })
  const rows = []
  for await (const r of source.rows) rows.push(r.cells)
  return { headers: source.headers, delimiter: source.delimiter, rows }
}

describe('sniffDelimiter', () => {
  it('reads each separator from a header and the records that repeat it', () => {
    expect(sniffDelimiter('Name;Email;Website visits\r\nAna;a@x.com;3\r\n')).toBe(';')
    expect(sniffDelimiter('Name\tEmail\tVisits\nAna\ta@x.com\t3\n')).toBe('\t')
    expect(sniffDelimiter('Name|Email\nAna|a@x.com\n')).toBe('|')
    expect(sniffDelimiter('Name,Email\nAna,a@x.com\n')).toBe(',')
  })

  it('counts no separator inside quotes, and prefers the one the records agree with', () => {
    // the header has one comma inside quotes; the rows hold unquoted decimal commas
    expect(sniffDelimiter('"Name, full";Amount;Note\nAna;1,5;x\nBo;2,25;y\n')).toBe(';')
    expect(sniffDelimiter('Name;Notes,more;Amount\nAna;a,b;1\nBo;c;2\n')).toBe(';')
    expect(sniffDelimiter('a,b;c,d\n1,2;3,4\n')).toBe(',')
  })

  it('takes a header with no separator as one column', () => {
    expect(sniffDelimiter('Email\na@x.com\n')).toBe(',')
    expect(sniffDelimiter('')).toBe(',')
  })
})

describe('parseDelimiter', () => {
  it('takes the character or its name, and refuses anything else', () => {
    expect(['semicolon', ';', 'Tab', '\\t', 'pipe', 'comma'].map(parseDelimiter)).toEqual([
      ';',
      ';',
      '\t',
      '\t',
      '|',
      ',',
    ])
    expect(() => parseDelimiter(':')).toThrow(/unsupported delimiter ":"/)
  })
})

describe('a CSV read with its separator', () => {
  it('reads a semicolon file as European Excel writes it, and says the separator was detected', async () => {
    const r = await read(
      '\uFEFFName;Email;Website visits\r\n"Müller; Hans";hans@x.de;1.234\r\nAna;a@x.com;3\r\n',
    )
    expect(r.headers).toEqual(['Name', 'Email', 'Website visits'])
    expect(r.rows).toEqual([
      ['Müller; Hans', 'hans@x.de', '1.234'],
      ['Ana', 'a@x.com', '3'],
    ])
    expect(r.delimiter).toEqual({ char: ';', how: 'detected' })
  })

  it('uses a declared separator as declared', async () => {
    const r = await read('a;b,c\n1;2,3\n', 'comma')
    expect(r.headers).toEqual(['a;b', 'c'])
    expect(r.delimiter).toEqual({ char: ',', how: 'declared' })
  })
})
