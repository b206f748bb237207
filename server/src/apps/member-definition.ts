import type { AppDefinition } from '@tessera/schemas'

/**
 * An app definition as a member who is not a platform admin may read it. Credentials are blanked:
 * a robot's URL and secret (whoever has a DingTalk robot's URL may post to its group), a webhook
 * trigger's shared secret (whoever has it may fire the automation) and the URL of every outbound
 * webhook action (services put their tokens in the URL). Members see that these exist, not where
 * they point. The shape stays valid: the blanked strings are empty, keys and kinds remain.
 */
export function memberDefinition(definition: AppDefinition): AppDefinition {
  return {
    ...definition,
    ...(definition.robots && {
      robots: definition.robots.map(({ url: _u, secret: _s, ...robot }) => ({ ...robot, url: '' })),
    }),
    ...(definition.workflows && { workflows: blankWebhookUrls(definition.workflows) }),
    ...(definition.automations && {
      automations: blankWebhookUrls(definition.automations).map((automation) =>
        automation.trigger.on === 'webhook'
          ? { ...automation, trigger: { ...automation.trigger, secret: '' } }
          : automation,
      ),
    }),
  }
}

/** A copy with `url` blanked in every `{type: 'webhook'}` action, however deep it sits. */
function blankWebhookUrls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(blankWebhookUrls) as T
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).map(([key, inner]) => [key, blankWebhookUrls(inner)])
  const copy = Object.fromEntries(entries) as Record<string, unknown>
  if (copy.type === 'webhook' && typeof copy.url === 'string') copy.url = ''
  return copy as T
}
