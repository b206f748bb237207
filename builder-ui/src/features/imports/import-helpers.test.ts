import type { FieldDefinition } from '@tessera/schemas'
import { describe, expect, it } from 'vitest'
import { autoMap, normalizeHeader } from './auto-map.js'
import { parseCsvHead } from './parse-csv-head.js'

const fields: FieldDefinition[] = [
  { key: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
  { key: 'first_name', type: 'text', label: 'First Name' },
  { key: 'company', type: 'text', label: 'Company' },
]

describe('import in the browser', () => {
  it('C6: a UTF-8 BOM does not stick to the first header, and it maps to email', () => {
    const text =
      '\ufeffEmail,First Name,Company\r\na@x.com,Ana,"O\'Brien, Ltd"\r\nb@x.com,Bo,B\r\nc@x.com,Cy,"say ""hi"""\r\n'
    const { headers, rows } = parseCsvHead(text)
    expect(headers).toEqual(['Email', 'First Name', 'Company'])
    expect(rows).toEqual([
      ['a@x.com', 'Ana', "O'Brien, Ltd"],
      ['b@x.com', 'Bo', 'B'],
      ['c@x.com', 'Cy', 'say "hi"'],
    ])
    expect(autoMap(headers, fields)).toEqual({
      Email: 'email',
      'First Name': 'first_name',
      Company: 'company',
    })
  })

  it('C6: " email " in lower case with spaces, and a Chinese label, map as well', () => {
    expect(autoMap([' email '], fields)).toEqual({ ' email ': 'email' })
    expect(autoMap(['邮箱', 'Unknown'], fields)).toEqual({ 邮箱: 'email', Unknown: null })
    expect(normalizeHeader('\ufeffFirst_Name')).toBe('firstname')
  })

  it('reads semicolon files and stops after the rows asked for', () => {
    const { headers, rows } = parseCsvHead('a;b\n1;2\n3;4\n5;6\n', 2)
    expect(headers).toEqual(['a', 'b'])
    expect(rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
  })

  it('reads the separator the server sniffs, and a declared one as declared', () => {
    const text = '"Name, full";Email;Website visits\nAna;a@x.com;1,5\n'
    expect(parseCsvHead(text)).toMatchObject({
      delimiter: ';',
      headers: ['Name, full', 'Email', 'Website visits'],
    })
    expect(parseCsvHead('a;b\n1;2\n', 10, ',')).toMatchObject({ delimiter: ',', headers: ['a;b'] })
  })
})
