import { useState } from 'react';
import { outputPath } from '../../../../shared/client.ts';
import type { JobOutputFile, LogoOutput } from '../../../../shared/contract/jobs.ts';
import { client } from '../../api/client.ts';
import { formatBytes, formatDate, plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { belowThreshold, summarizeFacts } from '../../components/output-facts.ts';
import { recipeLabel } from '../../components/recipes.ts';
import { isContextMenuKey, menuPointFor } from '../../stores/context-menu-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { dragOutputOut, openOutputMenu } from './output-menu.ts';

/** Files a browser shows as a picture: raster images and SVG (as <img>, never inline). */
const PREVIEWABLE = /^image\/(png|jpeg|webp|gif|svg\+xml)$/;
const MAX_PREVIEWS = 4;

function previews(files: readonly JobOutputFile[]): JobOutputFile[] {
  return files.filter((f) => PREVIEWABLE.test(f.mime)).slice(0, MAX_PREVIEWS);
}

/** Queues the same recipe and options again for this logo (an out-of-date output, in one action). */
function RegenerateButton({ output }: { output: LogoOutput }) {
  const [queued, setQueued] = useState(false);
  return (
    <button
      type="button"
      className="button button--ghost outputs__regenerate"
      disabled={queued}
      onClick={() => {
        setQueued(true);
        client
          .call('jobs.enqueue', {
            logoIds: [output.logoId],
            recipe: output.recipe,
            options: { ...output.options },
            priority: 'interactive',
          })
          .catch((error) => {
            setQueued(false);
            showToast({ tone: 'error', message: `Could not regenerate: ${errorMessage(error)}` });
          });
      }}
    >
      {queued ? 'Queued…' : 'Regenerate'}
    </button>
  );
}

/** The favicon pack's <link> tags, to paste into a site's <head>. */
function CopySnippetButton({ snippet }: { snippet: string }) {
  return (
    <button
      type="button"
      className="button button--ghost outputs__copy"
      onClick={() => {
        navigator.clipboard
          .writeText(snippet)
          .then(() => showToast({ tone: 'success', message: 'HTML for the <head> copied' }))
          .catch((error) => showToast({ tone: 'error', message: `Could not copy: ${errorMessage(error)}` }));
      }}
    >
      Copy HTML
    </button>
  );
}

/** Measured facts (fidelity, page size, inks, plates) and the recipe's warnings and notes. */
function OutputFacts({ output }: { output: LogoOutput }) {
  const { chips, notes, snippet } = summarizeFacts(output.recipe, output.facts);
  if (chips.length === 0 && notes.length === 0 && !snippet) return null;
  return (
    <>
      {(chips.length > 0 || snippet) && (
        <div className="outputs__facts">
          {chips.length > 0 && <span>{chips.join(' · ')}</span>}
          {snippet && <CopySnippetButton snippet={snippet} />}
        </div>
      )}
      {notes.length > 0 && (
        <ul className="outputs__notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Every output already produced for the logo: previews of its images, its files to download. */
export function Outputs({ outputs, canEdit }: { outputs: readonly LogoOutput[]; canEdit: boolean }) {
  if (outputs.length === 0)
    return <p className="muted">Nothing produced yet.{canEdit ? ' Queue a recipe from Export.' : ''}</p>;
  return (
    <ul className="outputs">
      {outputs.map((output) => {
        const shown = output.available ? previews(output.files) : [];
        return (
          <li
            key={output.jobId}
            className="outputs__item"
            draggable={canEdit && output.available}
            onDragStart={(event) => dragOutputOut(output, output.files, event)}
            onContextMenu={(event) => {
              if (!output.available) return;
              event.preventDefault();
              openOutputMenu(output, null, { x: event.clientX, y: event.clientY }, null);
            }}
          >
            <div className="outputs__head">
              <span className="outputs__recipe">{recipeLabel(output.recipe)}</span>
              {output.available && (
                <button
                  type="button"
                  className="icon-button outputs__more"
                  aria-haspopup="menu"
                  aria-label={`Actions for ${recipeLabel(output.recipe)}`}
                  title="Actions (Shift+F10 on a file)"
                  onClick={(event) =>
                    openOutputMenu(output, null, menuPointFor(event.currentTarget), event.currentTarget)
                  }
                >
                  <Icon name="more" size={20} />
                </button>
              )}
              {output.stale && (
                <span
                  className="badge badge--warning"
                  title={
                    output.staleReason === 'master-changed'
                      ? 'The master was replaced since'
                      : 'The recipe changed since'
                  }
                >
                  Out of date
                </span>
              )}
              {belowThreshold(output.facts) && (
                <span className="badge badge--warning" title="Scored against the master, it is under its threshold">
                  Check: not faithful
                </span>
              )}
              {canEdit && (output.stale || !output.available) && <RegenerateButton output={output} />}
            </div>
            <span className="muted">
              {plural(output.files.length, 'file')} · {formatBytes(output.files.reduce((n, f) => n + f.byteSize, 0))} ·{' '}
              {formatDate(output.producedAt)}
              {output.available ? '' : ' · cleared from the cache'}
            </span>
            <OutputFacts output={output} />
            {shown.length > 0 && (
              <div className="outputs__previews">
                {shown.map((file) => (
                  <a
                    key={file.path}
                    className="outputs__preview"
                    href={outputPath(output.jobId, file.path)}
                    download={file.path.split('/').pop()}
                    title={`Download ${file.path}`}
                    draggable={canEdit}
                    onDragStart={(event) => dragOutputOut(output, [file], event)}
                    onContextMenu={(event) => {
                      event.preventDefault();
                      event.stopPropagation();
                      openOutputMenu(output, file, { x: event.clientX, y: event.clientY }, event.currentTarget);
                    }}
                    onKeyDown={(event) => {
                      if (!isContextMenuKey(event)) return;
                      event.preventDefault();
                      openOutputMenu(output, file, menuPointFor(event.currentTarget), event.currentTarget);
                    }}
                  >
                    <img src={outputPath(output.jobId, file.path)} alt={file.path} loading="lazy" />
                  </a>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
