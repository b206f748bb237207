import { describe, expect, it } from 'vitest'
import { plainText } from './notify-text.js'
import { dingtalkSign, feishuSign, robotRefusal, robotRequest } from './robot-message.js'

const now = new Date('2026-03-09T01:00:00.000Z')
const oneLiner = { message: 'Lead waiting', recordId: null }
const summary = {
  message: { en: 'Weekly review', 'zh-CN': '每周回顾' },
  lines: { en: ['New leads: 3'], 'zh-CN': ['新线索: 3'] },
}

describe('robot messages', () => {
  it('leaves an unsigned robot URL as it is and sends a one-liner as text', () => {
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=t'
    expect(robotRequest({ key: 'd', kind: 'dingtalk', url }, oneLiner, now)).toEqual({
      url,
      body: { msgtype: 'text', text: { content: 'Lead waiting' } },
    })
  })

  it('signs DingTalk in the URL and Feishu in the body, as their documents say', () => {
    // the documented construction, independently: HMAC-SHA256 and base64
    expect(dingtalkSign('SEC', 1000)).toBe('i97p5udA75lXdnoBEQ+JU2GXgG9rEztvlCjFLKGnr1E=')
    expect(feishuSign('s', 1)).toBe('Aji9f9KnE+NSTTWD7FoMRScEWzzWaOXvPLe5gQB012o=')
    const ding = robotRequest(
      { key: 'd', kind: 'dingtalk', url: 'https://x.test/r?access_token=t', secret: 'SEC' },
      oneLiner,
      now,
    )
    const u = new URL(ding.url)
    expect([u.searchParams.get('access_token'), u.searchParams.get('timestamp')]).toEqual([
      't',
      String(now.getTime()),
    ])
    expect(u.searchParams.get('sign')).toBe(dingtalkSign('SEC', now.getTime()))
    const fs = robotRequest(
      { key: 'f', kind: 'feishu', url: 'https://x.test/hook', secret: 's' },
      oneLiner,
      now,
    )
    expect(fs.body).toEqual({
      timestamp: String(now.getTime() / 1000),
      sign: feishuSign('s', now.getTime() / 1000),
      msg_type: 'text',
      content: { text: 'Lead waiting' },
    })
  })

  it('formats a summary as WeCom markdown and Slack blocks, both languages', () => {
    expect(robotRequest({ key: 'w', kind: 'wecom', url: 'https://x.test/w' }, summary, now).body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**Weekly review**\n- New leads: 3\n\n**每周回顾**\n- 新线索: 3' },
    })
    expect(robotRequest({ key: 's', kind: 'slack', url: 'https://x.test/s' }, summary, now).body).toEqual({
      text: 'Weekly review\nNew leads: 3\n\n每周回顾\n新线索: 3',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Weekly review / 每周回顾' } },
        { type: 'section', text: { type: 'mrkdwn', text: '• New leads: 3\n*每周回顾*\n• 新线索: 3' } },
      ],
    })
  })

  it("reads a robot's refusal from its 200 answer", () => {
    expect(robotRefusal('dingtalk', '{"errcode":0,"errmsg":"ok"}')).toBeNull()
    expect(robotRefusal('wecom', '{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe(
      'wecom robot refused the message: 93000 invalid webhook url',
    )
    expect(
      robotRefusal('feishu', '{"code":19021,"msg":"sign match fail or timestamp is not within one hour"}'),
    ).toBe('feishu robot refused the message: 19021 sign match fail or timestamp is not within one hour')
    expect(robotRefusal('feishu', '{"StatusCode":0}')).toBeNull()
    expect(robotRefusal('slack', 'ok')).toBeNull()
    expect(robotRefusal('slack', 'invalid_token')).toBe('invalid_token')
    expect(robotRefusal('dingtalk', '<html>')).toMatch(/other than JSON/)
  })
})

describe('e-mail text', () => {
  it('is one language for a plain label, both for a label in both, with the record link once', () => {
    expect(plainText(oneLiner)).toEqual({ subject: 'Lead waiting', text: 'Lead waiting\n' })
    expect(plainText({ ...summary, recordId: 'r1' }, 'https://t.example/')).toEqual({
      subject: 'Weekly review / 每周回顾',
      text: 'Weekly review\n\nNew leads: 3\n\n每周回顾\n\n新线索: 3\n\nhttps://t.example/records/r1\n',
    })
  })
})
