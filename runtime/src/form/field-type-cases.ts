import type { FieldDefinition } from '@tessera/schemas'

/** One field type: values it stores (input -> stored) and values it refuses (input -> code, path). */
export interface TypeCase {
  name: string
  field: Omit<FieldDefinition, 'key'>
  valid: [input: unknown, stored: unknown][]
  invalid: [input: unknown, code: string, path?: string][]
}

export const CASES: TypeCase[] = [
  {
    name: 'text',
    field: { type: 'text', minLength: 2, maxLength: 5 },
    valid: [
      ['abc', 'abc'],
      [' a b ', ' a b '],
    ],
    invalid: [
      ['abcdef', 'too_long'],
      ['a', 'too_short'],
      [12, 'type'],
      ['a\u0000b', 'invalid_character'],
      ['a\ud800b', 'invalid_character'],
    ],
  },
  {
    name: 'text with pattern',
    field: { type: 'text', pattern: '^[A-Z]{3}-\\d+$' },
    valid: [['ABC-12', 'ABC-12']],
    invalid: [
      ['abc-12', 'pattern'],
      ['ABC-', 'pattern'],
    ],
  },
  {
    name: 'textarea',
    field: { type: 'textarea' },
    valid: [['line 1\nline 2', 'line 1\nline 2']],
    invalid: [
      ['x'.repeat(20001), 'too_long'],
      [{ text: 'x' }, 'type'],
    ],
  },
  {
    name: 'email',
    field: { type: 'email' },
    valid: [
      [' Ana.Silva@Example.com ', 'Ana.Silva@Example.com'],
      ['李@例子.中国', '李@例子.中国'],
    ],
    invalid: [
      ['ana@', 'email'],
      ['a b@c.com', 'email'],
      ['ana@example', 'email'],
      ['an\u0000a@example.com', 'invalid_character'],
      [5, 'type'],
    ],
  },
  {
    name: 'url',
    field: { type: 'url' },
    valid: [
      ['https://example.com/x?y=1', 'https://example.com/x?y=1'],
      [' HTTP://example.org ', 'HTTP://example.org'],
    ],
    invalid: [
      ['javascript:alert(1)', 'url'],
      ['example.com', 'url'],
      ['ftp://example.org', 'url'],
    ],
  },
  {
    name: 'phone',
    field: { type: 'phone' },
    valid: [
      ['+44 20 7946 0000', '+44 20 7946 0000'],
      ['(010) 1234-5678', '(010) 1234-5678'],
    ],
    invalid: [
      ['1234', 'phone'],
      ['+44 abc 12345', 'phone'],
      ['1'.repeat(21), 'phone'],
      [`+1 ${'('.repeat(50)}`, 'too_long'],
    ],
  },
  {
    name: 'number',
    field: { type: 'number', min: 0, max: 100 },
    valid: [
      [42.5, '42.5'],
      ['007.50', '7.5'],
      [0, '0'],
    ],
    invalid: [
      ['abc', 'number'],
      ['1,000', 'number'],
      ['1e3', 'number'],
      [-1, 'min'],
      ['100.01', 'max'],
      [true, 'number'],
    ],
  },
  {
    name: 'number with decimals',
    field: { type: 'number', decimals: 1 },
    valid: [['1.5', '1.5']],
    invalid: [
      ['1.25', 'scale'],
      ['x', 'number'],
    ],
  },
  {
    name: 'money',
    field: { type: 'money', min: '0' },
    valid: [
      ['12345678901.23', '12345678901.23'],
      [1000, '1000.00'],
      ['12.5', '12.50'],
      ['12.500', '12.50'],
    ],
    invalid: [
      ['12.345', 'scale'],
      [0.1 + 0.2, 'scale'],
      ['ten', 'number'],
      ['-1', 'min'],
    ],
  },
  {
    name: 'money with 0 decimals',
    field: { type: 'money', decimals: 0, currency: 'JPY' },
    valid: [['1500', '1500']],
    invalid: [
      ['1500.5', 'scale'],
      [[1], 'number'],
    ],
  },
  {
    name: 'percent',
    field: { type: 'percent', max: 100 },
    valid: [
      ['12.5', '12.5'],
      [99, '99'],
    ],
    invalid: [
      ['x%', 'number'],
      ['101', 'max'],
    ],
  },
  {
    name: 'integer',
    field: { type: 'integer', min: 0 },
    valid: [
      ['0', 0],
      [42, 42],
      ['9007199254740993', '9007199254740993'],
    ],
    invalid: [
      [1.5, 'integer'],
      ['1.0', 'integer'],
      // biome-ignore lint/correctness/noPrecisionLoss: a JSON number already rounded to ...992 must be refused
      [9007199254740993, 'unsafe_integer'],
      ['abc', 'integer'],
      [-1, 'min'],
    ],
  },
  {
    name: 'rating',
    field: { type: 'rating' },
    valid: [
      [4, 4],
      ['5', 5],
    ],
    invalid: [
      [0, 'min'],
      [6, 'max'],
      [2.5, 'integer'],
    ],
  },
  {
    name: 'date',
    field: { type: 'date', min: '2020-01-01' },
    valid: [['2024-02-29', '2024-02-29']],
    invalid: [
      ['2026-02-29', 'date'],
      ['2026-13-01', 'date'],
      ['01/02/2026', 'date'],
      ['2026-03-01T00:00:00Z', 'date'],
      ['2019-12-31', 'min'],
    ],
  },
  {
    name: 'datetime',
    field: { type: 'datetime', max: '2030-01-01T00:00:00Z' },
    valid: [
      ['2026-03-01T10:00:00+08:00', '2026-03-01T02:00:00.000Z'],
      ['2026-03-01T02:00Z', '2026-03-01T02:00:00.000Z'],
    ],
    invalid: [
      ['2026-03-01T10:00:00', 'datetime'],
      ['2026-03-01', 'datetime'],
      ['2026-02-30T10:00:00Z', 'datetime'],
      ['2030-01-01T08:00:01+08:00', 'max'],
    ],
  },
  {
    name: 'select',
    field: { type: 'select', options: [{ value: 'web' }, { value: 'event' }] },
    valid: [['web', 'web']],
    invalid: [
      ['Web', 'option'],
      [1, 'option'],
    ],
  },
  {
    name: 'radio',
    field: { type: 'radio', options: [{ value: 'yes' }, { value: 'no' }] },
    valid: [['no', 'no']],
    invalid: [
      ['maybe', 'option'],
      [['yes'], 'option'],
    ],
  },
  {
    name: 'multiselect',
    field: { type: 'multiselect', options: [{ value: 'a' }, { value: 'b' }] },
    valid: [
      [
        ['b', 'a'],
        ['b', 'a'],
      ],
    ],
    invalid: [
      [['a', 'a'], 'duplicate', '/v/1'],
      [['x'], 'option', '/v/0'],
      ['a', 'type'],
    ],
  },
  {
    name: 'boolean',
    field: { type: 'boolean' },
    valid: [
      [true, true],
      [false, false],
    ],
    invalid: [
      ['true', 'type'],
      [1, 'type'],
    ],
  },
  {
    name: 'user',
    field: { type: 'user' },
    valid: [['u_1', 'u_1']],
    invalid: [
      ['u 1', 'reference'],
      [5, 'type'],
      [['u_1'], 'type'],
    ],
  },
  {
    name: 'user, multiple',
    field: { type: 'user', multiple: true },
    valid: [
      [
        ['u1', 'u2'],
        ['u1', 'u2'],
      ],
    ],
    invalid: [
      [['u1', 'u1'], 'duplicate', '/v/1'],
      ['u1', 'type'],
      [['u1', 7], 'reference', '/v/1'],
    ],
  },
  {
    name: 'relation',
    field: { type: 'relation', target: 'account' },
    valid: [['0b8f8a1e-5f3c-4c57-9a55-2b7f5f7d6a10', '0b8f8a1e-5f3c-4c57-9a55-2b7f5f7d6a10']],
    invalid: [
      ['a b', 'reference'],
      [{ id: 'r1' }, 'type'],
    ],
  },
  {
    name: 'file',
    field: { type: 'file', maxFiles: 2 },
    valid: [
      [
        ['f1', 'f2'],
        ['f1', 'f2'],
      ],
    ],
    invalid: [
      [['f1', 'f2', 'f3'], 'too_many'],
      ['f1', 'type'],
      [[1], 'reference', '/v/0'],
    ],
  },
  {
    name: 'image',
    field: { type: 'image' },
    valid: [[['i1'], ['i1']]],
    invalid: [
      [['i1', 'i2'], 'too_many'],
      [['i1', 'i1'], 'too_many'],
    ],
  },
  {
    name: 'subform',
    field: {
      type: 'subform',
      fields: [
        { key: 'qty', type: 'integer', required: true, min: 1 },
        { key: 'price', type: 'money' },
        {
          key: 'line',
          type: 'formula',
          decimals: 2,
          expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
        },
      ],
    },
    valid: [[[{ qty: 2, price: '1.5' }, {}], [{ qty: 2, price: '1.50', line: '3.00' }]]],
    invalid: [
      [[{ qty: 1 }, { qty: 1 }, { qty: 1 }, { qty: 'x' }], 'integer', '/v/3/qty'],
      [[{ price: '1' }], 'required', '/v/0/qty'],
      [[{ qty: 1, zzz: 1 }], 'unknown_field', '/v/0/zzz'],
      ['rows', 'type'],
      [[1], 'type', '/v/0'],
      [Array.from({ length: 1001 }, () => ({ qty: 1 })), 'too_many'],
      [[{ qty: 1, price: '1\u0000' }], 'invalid_character', '/v/0/price'],
    ],
  },
  {
    name: 'address',
    field: { type: 'address' },
    valid: [
      [
        { country: 'CN', city: '上海', street: '人民路 1 号', postcode: ' ' },
        { country: 'CN', city: '上海', street: '人民路 1 号' },
      ],
    ],
    invalid: [
      [{ country: 'CN', planet: 'Mars' }, 'unknown_field', '/v/planet'],
      [{ city: 5 }, 'type', '/v/city'],
      [{ city: 'x\u0000' }, 'invalid_character', '/v/city'],
      ['Shanghai', 'type'],
    ],
  },
]
