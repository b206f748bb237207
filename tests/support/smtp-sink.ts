import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface SinkMail {
  to: string[]
  from: string
  subject: string
  text: string
  headers: ParsedMail['headers']
}

export interface SmtpSink {
  url: string
  mails: SinkMail[]
  /** resolves when at least `n` mails arrived (or rejects after `ms`) */
  waitFor(n: number, ms?: number): Promise<SinkMail[]>
  /** the next `n` sessions are refused with a 451 (a server that is down for a moment) */
  refuseNext(n: number): void
  close(): Promise<void>
}

const addresses = (v: ParsedMail['to']) =>
  (Array.isArray(v) ? v : v ? [v] : []).flatMap((a) => a.value.map((x) => x.address ?? ''))

/** A local SMTP server on 127.0.0.1 that keeps every mail it receives, parsed by mailparser. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = []
  let refuse = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refuse > 0) {
        refuse--
        stream.resume()
        const err = Object.assign(new Error('try again later'), { responseCode: 451 })
        stream.on('end', () => callback(err))
        return
      }
      simpleParser(stream)
        .then((m) => {
          mails.push({
            to: addresses(m.to),
            from: addresses(m.from as ParsedMail['to']).join(','),
            subject: m.subject ?? '',
            text: m.text ?? '',
            headers: m.headers,
          })
          callback()
        })
        .catch((e: Error) => callback(e))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms
      while (mails.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${mails.length}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return mails
    },
    refuseNext(n) {
      refuse = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
