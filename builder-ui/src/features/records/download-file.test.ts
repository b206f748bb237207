import { describe, expect, it } from 'vitest'
import { fetchDownload, fileNameOf } from './download-file.js'

const answering = (res: Response) => (async () => res) as unknown as typeof fetch

describe('downloads', () => {
  it('throws the problem detail of a refused export instead of saving it as a file', async () => {
    const refused = new Response(
      JSON.stringify({ status: 403, code: 'FORBIDDEN', detail: 'You may not export records of lead' }),
      { status: 403, headers: { 'content-type': 'application/problem+json' } },
    )
    await expect(fetchDownload('/api/x', 'export', 'en', answering(refused))).rejects.toMatchObject({
      status: 403,
      message: 'You may not export records of lead',
    })
  })

  it('answers the file with the name the server gives', async () => {
    const ok = new Response('a,b\n1,2\n', {
      status: 200,
      headers: {
        'content-disposition': `attachment; filename="lead.csv"; filename*=UTF-8''%E7%BA%BF%E7%B4%A2.csv`,
      },
    })
    const got = await fetchDownload('/api/x', 'export', 'en', answering(ok))
    expect(got.name).toBe('线索.csv')
    expect(await got.blob.text()).toBe('a,b\n1,2\n')
    expect(fileNameOf('attachment; filename="lead.xlsx"', 'export')).toBe('lead.xlsx')
    expect(fileNameOf(null, 'export.csv')).toBe('export.csv')
  })
})
