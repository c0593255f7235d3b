import type { LogoOutput } from '../../../../shared/contract/jobs.ts';
import { formatBytes, formatDate, plural } from '../../components/format.ts';
import { recipeLabel } from '../../components/recipes.ts';

/** Every output already produced for the logo, with its files. */
export function Outputs({ outputs, canEdit }: { outputs: readonly LogoOutput[]; canEdit: boolean }) {
  if (outputs.length === 0)
    return <p className="muted">Nothing produced yet.{canEdit ? ' Queue a recipe from Export.' : ''}</p>;
  return (
    <ul className="outputs">
      {outputs.map((output) => (
        <li key={output.jobId} className="outputs__item">
          <div className="outputs__head">
            <span className="outputs__recipe">{recipeLabel(output.recipe)}</span>
            {output.stale && (
              <span
                className="badge badge--warning"
                title={
                  output.staleReason === 'master-changed' ? 'The master was replaced since' : 'The recipe changed since'
                }
              >
                Out of date
              </span>
            )}
          </div>
          <span className="muted">
            {plural(output.files.length, 'file')} · {formatBytes(output.files.reduce((n, f) => n + f.byteSize, 0))} ·{' '}
            {formatDate(output.producedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
