/**
 * Runs @doyensec/electronegativity (the Electron security linter) over src/ and prints its
 * findings as JSON lines: `{"id","file","line","column","severity","confidence","manualReview"}`.
 *
 *   node --disable-warning=ExperimentalWarning scripts/electronegativity.ts [dir]
 *
 * Why a wrapper rather than `npx electronegativity`: its parser, @typescript-eslint/typescript-estree
 * 4.x, is hoisted to the top of node_modules and so `require('typescript')` finds the project's
 * TypeScript 7 (the Go port, with no JavaScript compiler API) and crashes at load. The TypeScript
 * 4.2 that electronegativity ships for itself is what that parser was built for: the resolve hook
 * below sends the parser's `require('typescript')` there. Offline: its `got` (translations from
 * GitHub) is replaced by a stub that fails at once, and AvailableSecurityFixesGlobalCheck (which
 * downloads Electron's release list) is left out; Electron's version is kept current through npm.
 * The gate is test/unit/hardening/electronegativity.test.ts, which accepts findings only with a reason.
 */
import { createRequire, registerHooks } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const toolTypescript = pathToFileURL(createRequire(join(toolDir, 'package.json')).resolve('typescript')).href;

const offlineGot = pathToFileURL(join(root, 'scripts', 'electronegativity-offline-got.cjs')).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'got' && context.parentURL?.includes('/@doyensec/electronegativity/')) {
      return { url: offlineGot, format: 'commonjs', shortCircuit: true };
    }
    if (specifier === 'typescript' && context.parentURL?.includes('/@typescript-eslint/')) {
      return { url: toolTypescript, format: 'commonjs', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});

export interface Finding {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly confidence: string;
  readonly manualReview: boolean;
  readonly description: string;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
  description: string;
}

type Run = (options: Record<string, unknown>) => Promise<{
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
  atomicChecks: number;
  globalChecks: number;
}>;

const input = resolve(root, process.argv[2] ?? 'src');
const run = require('@doyensec/electronegativity') as Run;
const electronVersion = (require('electron/package.json') as { version: string }).version;
const result = await run({
  input,
  isRelative: false,
  severitySet: 'informational',
  confidenceSet: 'tentative',
  electronVersionOverride: electronVersion,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
const summary = {
  checks: result.atomicChecks + result.globalChecks,
  // Files it could not parse: the test fails on these, since an unparsed file is an unchecked one.
  errors: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(root, e.file), message: e.message })),
};
process.stdout.write(`${JSON.stringify({ summary })}\n`);
for (const issue of result.issues) {
  const finding: Finding = {
    id: issue.id,
    file: relative(root, issue.file),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? '',
    confidence: issue.confidence?.name ?? '',
    manualReview: Boolean(issue.manualReview),
    description: issue.description,
  };
  process.stdout.write(`${JSON.stringify({ finding })}\n`);
}
