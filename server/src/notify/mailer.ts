import nodemailer from 'nodemailer'

/** SMTP as configured: `url` like smtp://user:pass@mail.example.com:587 (smtps:// for TLS from the start). */
export interface SmtpConfig {
  url: string
  from: string
}

export interface Mail {
  to: string
  subject: string
  text: string
  /** the outbox message's key, as a header so a reader (or a test) can tell repeats apart */
  idempotencyKey: string
}

export type Mailer = (mail: Mail) => Promise<void>

/** SMTP from TESSERA_SMTP_URL and TESSERA_SMTP_FROM; null when the URL is not set. */
export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const url = env.TESSERA_SMTP_URL?.trim()
  if (!url) return null
  return { url, from: env.TESSERA_SMTP_FROM?.trim() || 'Tessera <tessera@localhost>' }
}

/** One nodemailer transport (pooled connections) for the process. */
export function createMailer(config: SmtpConfig): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(config.url)
  const send = async (mail: Mail) => {
    await transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Tessera-Idempotency-Key': mail.idempotencyKey },
    })
  }
  return Object.assign(send, { close: () => transport.close() })
}
