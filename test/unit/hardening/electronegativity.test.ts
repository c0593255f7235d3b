import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/electronegativity.ts', import.meta.url));

/**
 * Findings of @doyensec/electronegativity that are accepted, each with the reason, keyed by check id
 * and file (not line: lines move). Anything else it reports fails this test; an entry it no longer
 * reports fails it too, so this list never outlives the code it excuses.
 */
const ACCEPTED: Readonly<Record<string, string>> = {
  'CSP_GLOBAL_CHECK src/renderer/index.html':
    "The only relaxed directive is style-src 'unsafe-inline' (React style props, the virtual grid's positions); " +
    "script-src is 'self' only, object-src 'none', base-uri 'none', form-action 'none'. Styles cannot run code.",
  'CONTEXT_ISOLATION_JS_CHECK src/main/index.ts':
    'False positive: the options come from mainWindowOptions() in src/main/shell/window-options.ts, which the tool ' +
    'does not follow; test/unit/foundation/window-options.test.ts asserts contextIsolation: true.',
  'SANDBOX_JS_CHECK src/main/index.ts':
    'False positive, as above: window-options.test.ts asserts sandbox: true and nodeIntegration: false.',
  'AUXCLICK_JS_CHECK src/main/index.ts':
    'Fixed in window-options.ts (disableBlinkFeatures: "Auxclick", which the tool does not follow); besides, ' +
    'a middle-click can only ask for a new window, and setWindowOpenHandler denies every one ({ action: "deny" }); ' +
    'will-navigate refuses any URL outside the app origin.',
  'OPEN_EXTERNAL_JS_CHECK src/main/index.ts':
    'openExternal is reached only from setWindowOpenHandler and only for https:// URLs (never file:, smb: or custom ' +
    "schemes); the page asking is the app's own (CSP script-src 'self', no remote content).",
};

interface Finding {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly description: string;
}

describe('Electron security audit (electronegativity over src/)', () => {
  it('parses every file and reports nothing that is not fixed or justified', () => {
    const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', SCRIPT, 'src'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { summary?: { checks: number; errors: unknown[] }; finding?: Finding });
    const summary = lines.find((l) => l.summary)?.summary;
    // An unparsed file is an unchecked file.
    expect(summary?.errors).toEqual([]);
    expect(summary?.checks).toBeGreaterThan(30);
    const findings = lines.flatMap((l) => (l.finding ? [l.finding] : []));
    const keys = new Set(findings.map((f) => `${f.id} ${f.file}`));
    const unexplained = findings
      .filter((f) => !(`${f.id} ${f.file}` in ACCEPTED))
      .map((f) => `${f.id} ${f.file}:${f.line} [${f.severity}] ${f.description}`);
    expect(unexplained, 'fix these, or add them to ACCEPTED with a reason').toEqual([]);
    const stale = Object.keys(ACCEPTED).filter((key) => !keys.has(key));
    expect(stale, 'no longer reported: remove them from ACCEPTED').toEqual([]);
  }, 90_000);
});
