import { TesseraError } from '@tessera/runtime'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { registerErrorHandler, statusFor, toTesseraError } from './http-errors.js'
import { pickLocale } from './http/locale.js'

const appThrowing = (error: unknown) => {
  const app = Fastify()
  registerErrorHandler(app)
  app.get('/boom', async () => {
    throw error
  })
  return app
}

describe('http errors', () => {
  it('answers 503 with Retry-After when the database is unreachable', async () => {
    for (const code of ['ECONNREFUSED', '08006', '57P01']) {
      const app = appThrowing(
        Object.assign(new Error(`connect failed: select * from secret_table`), { code }),
      )
      const res = await app.inject({ method: 'GET', url: '/boom' })
      expect(res.statusCode, code).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.json().code).toBe('UNAVAILABLE')
      expect(res.body).not.toContain('secret_table')
    }
  })

  it('hides what an unknown error says and keeps the request id', async () => {
    const app = appThrowing(
      new TypeError("Cannot read properties of undefined (reading 'rows') at select x from y"),
    )
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'accept-language': 'zh-CN' } })
    expect(res.statusCode).toBe(500)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.body).not.toMatch(/rows|select/)
    expect(res.json().title).toBe('内部错误')
    expect(res.json().requestId).toBe(String(res.json().requestId))
  })

  it('gives each runtime code its status and localizes details and field errors', async () => {
    const err = new TesseraError(
      'INVALID',
      { en: 'bad data', 'zh-CN': '数据错误' },
      {
        problems: [{ path: '/email', code: 'email', message: { en: 'not an email', 'zh-CN': '不是邮箱' } }],
        currentVersion: 4,
      },
    )
    const app = appThrowing(err)
    const zh = await app.inject({
      method: 'GET',
      url: '/boom',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
    })
    expect(zh.statusCode).toBe(statusFor.INVALID)
    expect(zh.json()).toMatchObject({
      detail: '数据错误',
      errors: [{ path: '/email', code: 'email', message: '不是邮箱' }],
      currentVersion: 4,
    })
    const en = await app.inject({ method: 'GET', url: '/boom', headers: { 'accept-language': 'fr-FR' } })
    expect(en.json().errors[0].message).toBe('not an email')
  })

  it('maps fastify body errors to 413, 415 and 400', () => {
    expect(
      toTesseraError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))
        .code,
    ).toBe('PAYLOAD_TOO_LARGE')
    expect(
      toTesseraError(
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
      ).code,
    ).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(
      toTesseraError(
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }),
      ).code,
    ).toBe('BAD_REQUEST')
  })

  it('picks zh-CN or en from Accept-Language, by quality', () => {
    expect(pickLocale(undefined)).toBe('en')
    expect(pickLocale('zh-TW')).toBe('zh-CN')
    expect(pickLocale('en;q=0.9, zh-CN;q=0.8')).toBe('en')
    expect(pickLocale('de, zh;q=0.5')).toBe('zh-CN')
    expect(pickLocale('fr')).toBe('en')
  })
})
