// Open WebUI's outgoing notifications (e.g. "New user signed up"): Slack and Discord get their own
// message shape, anything else the event as JSON. Fire-and-forget with a short timeout.
export async function postWebhook(appName: string, url: string, message: string, event: Record<string, unknown>): Promise<boolean> {
  let body: unknown = event;
  if (url.startsWith('https://hooks.slack.com')) body = { text: message };
  else if (url.startsWith('https://discord.com/api/webhooks') || url.startsWith('https://discordapp.com/api/webhooks')) {
    body = { content: message.length > 2000 ? `${message.slice(0, 1997)}...` : message, username: appName };
  }
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}
