import type { ExportPlan } from '../../../../shared/contract/exports.ts';
import { formatBytes, plural } from '../../components/format.ts';
import { ExportFailures } from './ExportFailures.tsx';

const ACTION_LABELS = { create: '', overwrite: 'replaces', skip: 'skipped', rename: 'renamed' } as const;

/** The exact folder tree the export will write, folders first, as an indented list. */
export function PlanTree({ plan }: { plan: ExportPlan }) {
  const entries = [...plan.entries].sort((a, b) => a.path.localeCompare(b.path));
  let previous: string[] = [];
  const lines: { key: string; depth: number; label: string; folder: boolean; note: string; bytes: number | null }[] =
    [];
  for (const entry of entries.slice(0, 400)) {
    const parts = entry.path.split('/');
    const folders = parts.slice(0, -1);
    let common = 0;
    while (common < folders.length && folders[common] === previous[common]) common++;
    for (let depth = common; depth < folders.length; depth++) {
      lines.push({
        key: `${folders.slice(0, depth + 1).join('/')}/`,
        depth,
        label: folders[depth] ?? '',
        folder: true,
        note: '',
        bytes: null,
      });
    }
    lines.push({
      key: entry.path,
      depth: folders.length,
      label: parts[parts.length - 1] ?? '',
      folder: false,
      // A rename says which name was taken, so "Keep both" is visible before anything is written.
      note:
        entry.action === 'rename' && entry.wanted
          ? `renamed: ${entry.wanted.split('/').at(-1)} exists`
          : ACTION_LABELS[entry.action],
      bytes: entry.bytes,
    });
    previous = folders;
  }
  return (
    <div className="plan" data-testid="export-plan">
      <h2>
        {plural(plan.entries.length, 'file')} · {formatBytes(plan.totalBytes)}
      </h2>
      <p className="muted export__path">{plan.zipPath ?? plan.destination}</p>
      <ul className="plan__tree">
        {lines.map((line) => (
          <li
            key={line.key}
            className={line.folder ? 'plan__folder' : 'plan__file'}
            style={{ paddingLeft: line.depth * 16 }}
          >
            <span className="plan__name">{line.folder ? `${line.label}/` : line.label}</span>
            {line.note && <span className="badge">{line.note}</span>}
            {line.bytes !== null && <span className="muted">{formatBytes(line.bytes)}</span>}
          </li>
        ))}
      </ul>
      {plan.entries.length > 400 && <p className="muted">and {plan.entries.length - 400} more files</p>}
      <ExportFailures failures={plan.failures} />
    </div>
  );
}
