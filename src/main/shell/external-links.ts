/**
 * The https links the app may hand to the system browser: the hosts Marque's own pages link to
 * (the project, and the platform help pages the social presets cite as their source). Anything
 * else a page tries to open is denied, so a link smuggled into a logo's notes or an SVG cannot
 * send the designer anywhere. Pure, so a unit test checks it without Electron.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'github.com',
  'docs.github.com',
  'ogp.me',
  'developers.facebook.com',
  'www.facebook.com',
  'help.instagram.com',
  'about.instagram.com',
  'help.x.com',
  'developer.x.com',
  'www.linkedin.com',
  'support.google.com',
  'help.pinterest.com',
  'docs.joinmastodon.org',
  'support.discord.com',
  'support.tiktok.com',
  'ads.tiktok.com',
  'slack.com',
]);

/** True for `https://<allowed host>/…` with no credentials and the default port; false for anything else. */
export function isAllowedExternalUrl(url: string, hosts: ReadonlySet<string> = EXTERNAL_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.has(parsed.hostname)
  );
}
