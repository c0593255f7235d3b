import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { outputPath } from '../../../../shared/client.ts';
import { Icon } from '../../components/Icon.tsx';
import { showScreen } from '../../stores/app-store.ts';
import { selectIds, useSelectionStore } from '../../stores/selection-store.ts';
import { useExportStore } from '../Export/export-store.ts';
import { closeFaviconStudio, recipeOptions, useFaviconStudioStore } from './favicon-studio-store.ts';
import { HtmlSnippet } from './HtmlSnippet.tsx';
import { PackChecks } from './PackChecks.tsx';
import { SmallIcons } from './SmallIcons.tsx';
import { StudioOptions } from './StudioOptions.tsx';
import { StudioPreviews } from './StudioPreviews.tsx';
import './favicon-studio.css';

/** Carries the studio's options into the Export screen's favicon recipe, for this logo. */
function carryIntoExport(logoId: string): void {
  const options = recipeOptions();
  useExportStore.setState((state) => ({ recipes: { ...state.recipes, favicon: options }, plan: null }));
  if (!useSelectionStore.getState().selected.has(logoId)) selectIds([logoId]);
  closeFaviconStudio();
  showScreen('export');
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** The favicon studio: every option of the recipe, with previews of the files it really writes. */
export function FaviconStudio() {
  const { logo, options, preview, busy, error } = useFaviconStudioStore(
    useShallow((state) => ({
      logo: state.logo,
      options: state.options,
      preview: state.preview,
      busy: state.busy,
      error: state.error,
    })),
  );
  const othersSelected = useSelectionStore((state) =>
    logo && state.selected.has(logo.id) ? state.selected.size - 1 : 0,
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const open = logo !== null;
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  if (!logo) return <dialog ref={dialog} aria-label="Favicon studio" className="fs" />;
  const facts = preview?.job.facts ?? {};
  const notes = Array.isArray(facts.notes) ? facts.notes.filter((n): n is string => typeof n === 'string') : [];
  const wide = logo.width / Math.max(1, logo.height) > 2 || logo.width / Math.max(1, logo.height) < 0.5;
  return (
    <dialog
      ref={dialog}
      className="fs"
      aria-labelledby="fs-title"
      aria-busy={busy}
      // The app's shortcuts (Delete trashes, Escape clears the selection) stay outside the dialog.
      onKeyDown={(event) => event.stopPropagation()}
      onCancel={(event) => {
        event.preventDefault();
        closeFaviconStudio();
      }}
    >
      <header className="fs__header">
        <h2 id="fs-title">Favicon studio: {logo.name}</h2>
        <span className="muted" role="status">
          {busy ? 'Making the pack…' : preview ? `${preview.job.files.length} files` : ''}
        </span>
        <button type="button" className="icon-button" aria-label="Close" onClick={closeFaviconStudio}>
          <Icon name="close" />
        </button>
      </header>
      <div className="fs__body">
        <div className="fs__form">
          {othersSelected > 0 && (
            <p className="muted">
              Previewing {logo.name}; in Export these options apply to the {othersSelected} other selected logo
              {othersSelected === 1 ? '' : 's'} too (leave App name empty to keep each logo's own name).
            </p>
          )}
          <StudioOptions
            options={options}
            logoName={logo.name}
            automaticTheme={text(facts.themeColor, '#000000')}
            automaticBackground={text(facts.backgroundColor, '#ffffff')}
          />
          <SmallIcons options={options} logoId={logo.id} logoName={logo.name} wide={wide} />
        </div>
        <div className="fs__result">
          {error && (
            <div className="banner banner--error" role="alert">
              {error}
            </div>
          )}
          {preview ? (
            <>
              <StudioPreviews preview={preview} />
              <PackChecks report={preview.report} notes={notes} />
              {typeof facts.snippet === 'string' && <HtmlSnippet snippet={facts.snippet} />}
              <ul className="fs-files" aria-label="Files in the pack">
                {preview.job.files.map((file) => (
                  <li key={file.path}>
                    <a href={outputPath(preview.job.id, file.path)} download={file.path}>
                      {file.path}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            !error && <p className="muted">Making the pack…</p>
          )}
        </div>
      </div>
      <footer className="fs__footer">
        <button type="button" className="button" onClick={closeFaviconStudio}>
          Close
        </button>
        <button type="button" className="button button--primary" onClick={() => carryIntoExport(logo.id)}>
          <Icon name="export" size={16} />
          Use in Export
        </button>
      </footer>
    </dialog>
  );
}
