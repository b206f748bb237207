import { describe, expect, it } from 'vitest'
import { decodeHead } from './decode-head.js'
import { parseCsvHead } from './parse-csv-head.js'

// 姓名,公司\r\n李娜,上海贸易公司\r\n in GBK
const gbk = new Uint8Array([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb9, 0xab, 0xcb, 0xbe, 0x0d, 0x0a, 0xc0, 0xee, 0xc4, 0xc8, 0x2c, 0xc9, 0xcf,
  0xba, 0xa3, 0xc3, 0xb3, 0xd2, 0xd7, 0xb9, 0xab, 0xcb, 0xbe, 0x0d, 0x0a,
])

describe('the import preview decodes as the import does', () => {
  it('a GBK file previews as Chinese, declared as gbk or detected', () => {
    for (const encoding of ['gbk', 'auto'])
      expect(parseCsvHead(decodeHead(gbk, encoding)), encoding).toEqual({
        headers: ['姓名', '公司'],
        rows: [['李娜', '上海贸易公司']],
        delimiter: ',',
      })
  })

  it('UTF-8 (with or without a BOM) stays UTF-8, Latin-1 bytes read as Windows-1252', () => {
    const utf8 = new TextEncoder().encode('name\r\nMüller 李娜\r\n')
    expect(decodeHead(utf8, 'auto')).toBe('name\r\nMüller 李娜\r\n')
    expect(decodeHead(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'auto')).toBe('name\r\nMüller 李娜\r\n')
    expect(decodeHead(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]), 'auto')).toBe('Müller\n')
  })
})
