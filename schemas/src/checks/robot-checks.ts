import type { AppDefinition, NotifyChannel } from '../app-definition.js'
import { didYouMean } from '../did-you-mean.js'
import { childPointer, localized, pointer } from '../problems.js'
import type { Check, CheckContext } from './check-context.js'

/** Kinds whose webhooks have a documented signature scheme for a secret. */
const SIGNED_KINDS = new Set(['dingtalk', 'feishu'])

function checkRobotUrl(ctx: CheckContext, url: string, path: string) {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {}
  const why =
    !parsed || !/^https?:$/.test(parsed.protocol)
      ? localized('不是 http(s) 地址', 'is not an http(s) URL')
      : parsed.username || parsed.password
        ? localized('不能包含用户名或密码', 'must not carry a user name or password')
        : !parsed.hostname
          ? localized('缺少主机名', 'has no host')
          : null
  if (why)
    ctx.report(
      path,
      'robot_url_invalid',
      localized(`机器人地址 '${url}' ${why['zh-CN']}`, `robot URL '${url}' ${why.en}`),
    )
}

/** Every notify action of the app with its pointer: transitions' and automations'. */
function* notifyActions(app: AppDefinition) {
  for (const [w, wf] of (app.workflows ?? []).entries())
    for (const [t, tr] of wf.transitions.entries())
      for (const [a, action] of (tr.actions ?? []).entries())
        if (action.type === 'notify')
          yield { action, path: pointer('workflows', w, 'transitions', t, 'actions', a) }
  for (const [i, automation] of (app.automations ?? []).entries())
    for (const [a, action] of automation.actions.entries())
      if (action.type === 'notify') yield { action, path: pointer('automations', i, 'actions', a) }
}

/**
 * Robots: a usable URL, a secret only where the kind signs with one; notify actions on the robot
 * channel name a declared robot, and a robot only goes with that channel.
 */
export const checkRobots: Check = (ctx) => {
  const robots = ctx.app.robots ?? []
  robots.forEach((robot, i) => {
    checkRobotUrl(ctx, robot.url, pointer('robots', i, 'url'))
    if (robot.secret !== undefined && !SIGNED_KINDS.has(robot.kind))
      ctx.report(
        pointer('robots', i, 'secret'),
        'robot_secret_unsupported',
        localized(
          `${robot.kind} 机器人没有签名机制，密钥不会被使用；请删除（只有钉钉和飞书支持签名）`,
          `a ${robot.kind} robot has no signature scheme, so the secret would never be used; remove it (only dingtalk and feishu sign)`,
        ),
      )
  })
  const keys = robots.map((r) => r.key)
  for (const { action, path } of notifyActions(ctx.app)) {
    const channel: NotifyChannel = action.channel ?? 'inapp'
    if (channel !== 'robot' && action.to === undefined)
      ctx.report(
        path,
        'notify_to_missing',
        localized(
          `通知渠道为 '${channel}'，但未指定接收人（to）；只有 'robot' 渠道不需要接收人`,
          `a notify on the '${channel}' channel names no recipients (set 'to'); only the 'robot' channel needs none`,
        ),
      )
    if (channel === 'robot' && action.robot === undefined)
      ctx.report(
        path,
        'robot_missing',
        localized(
          "通知渠道为 'robot'，但未指定机器人（robot）",
          "a notify on the 'robot' channel names no robot (set 'robot' to one of the app's robots)",
        ),
      )
    else if (action.robot !== undefined && channel !== 'robot')
      ctx.report(
        childPointer(path, 'robot'),
        'robot_channel_mismatch',
        localized(
          `指定了机器人 '${action.robot}'，但通知渠道是 '${channel}'；请把 channel 设为 'robot' 或删除 robot`,
          `robot '${action.robot}' is named but the channel is '${channel}'; set channel to 'robot' or remove robot`,
        ),
      )
    else if (action.robot !== undefined && !keys.includes(action.robot)) {
      const hint = didYouMean(action.robot, keys)
      ctx.report(
        childPointer(path, 'robot'),
        'unknown_robot',
        localized(
          `应用没有机器人 '${action.robot}'${hint ? `；是否指 '${hint}'？` : ''}`,
          `the app declares no robot '${action.robot}'${hint ? `; did you mean '${hint}'?` : ''}`,
        ),
      )
    }
  }
}
