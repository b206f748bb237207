import { describe, expect, it } from 'vitest'
import type { AppDefinition, RobotDefinition } from '../app-definition.js'
import { exampleApp } from '../test-support/example-app.js'
import { verifyApp } from '../verify-app.js'

const notify = (extra: Record<string, unknown>) => ({
  type: 'notify' as const,
  to: { role: 'operations' },
  message: 'Lead waiting',
  ...extra,
})

/** The example app with robots and one notify per channel setting on a transition and an automation. */
function appWith(robots: RobotDefinition[], ...notifies: Record<string, unknown>[]): AppDefinition {
  const app = exampleApp()
  app.robots = robots
  const tr = app.workflows![0]!.transitions[0]!
  tr.actions = [...(tr.actions ?? []), ...notifies.map(notify)] as typeof tr.actions
  if (notifies.length > 0)
    app.automations = [
      {
        key: 'weekly',
        trigger: { on: 'schedule', cron: '0 9 * * 1' },
        actions: notifies.map(notify) as never,
      },
    ]
  return app
}

const found = (app: AppDefinition) => verifyApp(app).errors.map((e) => [e.code, e.path])
const ops: RobotDefinition = {
  key: 'ops',
  kind: 'dingtalk',
  url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
  secret: 'SEC1',
}

describe('robot checks', () => {
  it('accepts every channel and each robot kind', () => {
    const app = appWith(
      [
        ops,
        { key: 'wx', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
        { key: 'fs', kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h', secret: 's' },
        { key: 'sl', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' },
      ],
      {},
      { channel: 'inapp' },
      { channel: 'email' },
      { channel: 'robot', robot: 'ops' },
      { channel: 'robot', robot: 'sl' },
    )
    expect(verifyApp(app)).toEqual({ ok: true, errors: [] })
  })

  it('reports an unknown robot with a suggestion, in both languages', () => {
    const result = verifyApp(appWith([ops], { channel: 'robot', robot: 'opz' }))
    const unknown = result.errors.filter((e) => e.code === 'unknown_robot')
    expect(unknown.map((e) => e.path).sort()).toEqual(
      [
        '/automations/0/actions/0/robot',
        expect.stringMatching(/^\/workflows\/0\/transitions\/0\/actions\/\d+\/robot$/),
      ].sort(),
    )
    expect(unknown[0]?.message.en).toBe("the app declares no robot 'opz'; did you mean 'ops'?")
    expect(unknown[0]?.message['zh-CN']).toContain("应用没有机器人 'opz'")
  })

  it('reports a robot channel without a robot and a robot on another channel', () => {
    expect(found(appWith([ops], { channel: 'robot' }))).toContainEqual([
      'robot_missing',
      '/automations/0/actions/0',
    ])
    expect(found(appWith([ops], { channel: 'email', robot: 'ops' }))).toContainEqual([
      'robot_channel_mismatch',
      '/automations/0/actions/0/robot',
    ])
    expect(found(appWith([ops], { robot: 'ops' }))).toContainEqual([
      'robot_channel_mismatch',
      '/automations/0/actions/0/robot',
    ])
  })

  it('a robot notify needs no recipients; one to people does, on a transition and an automation', () => {
    expect(verifyApp(appWith([ops], { channel: 'robot', robot: 'ops', to: undefined }))).toEqual({
      ok: true,
      errors: [],
    })
    for (const channel of [undefined, 'inapp', 'email']) {
      const result = verifyApp(appWith([ops], { channel, to: undefined }))
      const missing = result.errors.filter((e) => e.code === 'notify_to_missing')
      expect(missing.map((e) => e.path).sort()).toEqual(
        [
          '/automations/0/actions/0',
          expect.stringMatching(/^\/workflows\/0\/transitions\/0\/actions\/\d+$/),
        ].sort(),
      )
      expect(missing[0]?.message.en).toContain('names no recipients')
      expect(missing[0]?.message['zh-CN']).toContain('未指定接收人')
    }
  })

  it('reports a bad URL, an unusable secret and a repeated key', () => {
    const app = appWith([
      { ...ops, url: 'ftp://example.com/hook' },
      { key: 'b', kind: 'dingtalk', url: 'not a url' },
      { key: 'c', kind: 'slack', url: 'https://user:pw@hooks.slack.com/x' },
      { key: 'd', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/x', secret: 'never used' },
      { key: 'd', kind: 'slack', url: 'https://hooks.slack.com/y' },
    ])
    expect(found(app)).toEqual([
      ['duplicate_key', '/robots/4/key'],
      ['robot_url_invalid', '/robots/0/url'],
      ['robot_url_invalid', '/robots/1/url'],
      ['robot_url_invalid', '/robots/2/url'],
      ['robot_secret_unsupported', '/robots/3/secret'],
    ])
    const bad = verifyApp(app).errors.find((e) => e.path === '/robots/2/url')
    expect(bad?.message.en).toBe(
      "robot URL 'https://user:pw@hooks.slack.com/x' must not carry a user name or password",
    )
  })

  it('rejects an unknown kind and channel by the meta-schema', () => {
    const app = appWith([{ ...ops, kind: 'teams' as never }], { channel: 'sms' })
    const codes = found(app)
    expect(codes).toContainEqual(['enum', '/robots/0/kind'])
    expect(codes.some(([c, p]) => c === 'enum' && String(p).endsWith('/channel'))).toBe(true)
  })
})
