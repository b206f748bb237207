import { createHmac } from 'node:crypto'
import type { RobotDefinition } from '@tessera/schemas'
import { languagesOf, notifyText } from './notify-text.js'

/** What to POST where: the robot's URL (signed for DingTalk) and its kind's message JSON. */
export interface RobotRequest {
  url: string
  body: Record<string, unknown>
}

/** DingTalk "加签": HMAC-SHA256 of `timestamp\nsecret` keyed by the secret, base64, in the URL. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64')
}

/** Feishu "签名校验": HMAC-SHA256 keyed by `timestamp\nsecret` over an empty message, base64, in the body. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64')
}

/** The message in each of its languages, as markdown-ish blocks and as plain text. */
function texts(payload: Record<string, unknown>, baseUrl?: string) {
  const blocks = languagesOf(payload).map((lang) => ({ lang, ...notifyText(payload, lang, baseUrl) }))
  const title = blocks.map((b) => b.title).join(' / ')
  const link = blocks[0]?.link
  const plain = [...blocks.map((b) => [b.title, ...b.lines].join('\n')), ...(link ? [link] : [])].join('\n\n')
  return { blocks, title, link, plain, rich: blocks.some((b) => b.lines.length > 0) }
}

const markdown = (t: ReturnType<typeof texts>, bold: (s: string) => string, link: (url: string) => string) =>
  [
    ...t.blocks.map((b) => [bold(b.title), ...b.lines.map((l) => `- ${l}`)].join('\n')),
    ...(t.link ? [link(t.link)] : []),
  ].join('\n\n')

/**
 * One notify message in a robot's format. A message with summary lines goes as the kind's rich form
 * (DingTalk markdown, Feishu post), a one-liner as text; WeCom always markdown, Slack text plus blocks.
 */
export function robotRequest(
  robot: RobotDefinition,
  payload: Record<string, unknown>,
  now: Date,
  baseUrl?: string,
): RobotRequest {
  const t = texts(payload, baseUrl)
  switch (robot.kind) {
    case 'dingtalk': {
      const body = t.rich
        ? {
            msgtype: 'markdown',
            markdown: {
              title: t.title,
              text: markdown(
                t,
                (s) => `### ${s}`,
                (u) => `[${u}](${u})`,
              ),
            },
          }
        : { msgtype: 'text', text: { content: t.plain } }
      if (!robot.secret) return { url: robot.url, body }
      const timestamp = now.getTime()
      const url = new URL(robot.url)
      url.searchParams.set('timestamp', String(timestamp))
      url.searchParams.set('sign', dingtalkSign(robot.secret, timestamp))
      return { url: url.toString(), body }
    }
    case 'wecom':
      return {
        url: robot.url,
        body: {
          msgtype: 'markdown',
          markdown: {
            content: markdown(
              t,
              (s) => `**${s}**`,
              (u) => `[${u}](${u})`,
            ),
          },
        },
      }
    case 'feishu': {
      const body: Record<string, unknown> = t.rich
        ? {
            msg_type: 'post',
            content: {
              post: Object.fromEntries(
                t.blocks.map((b) => [
                  b.lang === 'en' ? 'en_us' : 'zh_cn',
                  {
                    title: b.title,
                    content: [
                      ...b.lines.map((l) => [{ tag: 'text', text: l }]),
                      ...(t.link ? [[{ tag: 'a', text: t.link, href: t.link }]] : []),
                    ],
                  },
                ]),
              ),
            },
          }
        : { msg_type: 'text', content: { text: t.plain } }
      if (!robot.secret) return { url: robot.url, body }
      const timestamp = Math.floor(now.getTime() / 1000)
      return {
        url: robot.url,
        body: { timestamp: String(timestamp), sign: feishuSign(robot.secret, timestamp), ...body },
      }
    }
    case 'slack':
      return {
        url: robot.url,
        body: {
          text: t.plain,
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: t.title.slice(0, 150) } },
            ...(t.rich || t.link
              ? [
                  {
                    type: 'section',
                    text: {
                      type: 'mrkdwn',
                      text: [
                        ...t.blocks.flatMap((b, i) => [
                          ...(i > 0 ? [`*${b.title}*`] : []),
                          ...b.lines.map((l) => `• ${l}`),
                        ]),
                        ...(t.link ? [`<${t.link}|${t.link}>`] : []),
                      ].join('\n'),
                    },
                  },
                ]
              : []),
          ],
        },
      }
  }
}

/**
 * Robots answer HTTP 200 for refused messages too: DingTalk and WeCom with `errcode`, Feishu with
 * `code` (or `StatusCode`), Slack with a body other than `ok`. Such an answer is a failed delivery.
 */
export function robotRefusal(kind: RobotDefinition['kind'], responseBody: string): string | null {
  if (kind === 'slack')
    return responseBody.trim() === 'ok' || responseBody.trim() === ''
      ? null
      : responseBody.trim().slice(0, 300)
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(responseBody) as Record<string, unknown>
  } catch {
    return `${kind} robot answered something other than JSON: ${responseBody.slice(0, 200)}`
  }
  const code = kind === 'feishu' ? (parsed.code ?? parsed.StatusCode) : parsed.errcode
  if (code === 0 || code === undefined) return null
  const why = parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? ''
  return `${kind} robot refused the message: ${String(code)} ${String(why)}`.trim()
}
