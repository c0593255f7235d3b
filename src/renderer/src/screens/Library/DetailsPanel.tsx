import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { mediaPath } from '../../../../shared/client.ts';
import type { Logo } from '../../../../shared/domain.ts';
import { returnFocus } from '../../components/focus-return.ts';
import { dimensions, formatBytes, formatDate, formatLabel, plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { RatingStars } from '../../components/RatingStars.tsx';
import { showScreen, useAppStore } from '../../stores/app-store.ts';
import { useDetailsStore } from '../../stores/details-store.ts';
import { restoreLogos, trashLogos, updateLogo } from '../../stores/library-actions.ts';
import { clearSelection, useSelectionStore } from '../../stores/selection-store.ts';
import { openStudioFor } from '../FaviconStudio/StudioButton.tsx';
import { ProofButton } from '../Proof/ProofButton.tsx';
import { ArtworkReading } from './ArtworkReading.tsx';
import { CollectionPicker } from './CollectionPicker.tsx';
import { LogoCollections } from './LogoCollections.tsx';
import { Outputs } from './Outputs.tsx';
import { PaletteSwatches } from './Palette.tsx';
import { previewSrc } from './preview-src.ts';
import { TagEditor } from './TagEditor.tsx';
import { Versions } from './Versions.tsx';

/** After an action that empties the panel (trash, restore), the focus goes to the grid, not the page. */
function backToGrid(action: Promise<void>): void {
  void action.then(() => returnFocus());
}

/** A text field that saves on Enter or when it loses focus (Escape puts the old value back). */
function EditableName({ logo }: { logo: Logo }) {
  const [name, setName] = useState(logo.name);
  useEffect(() => setName(logo.name), [logo.name]);
  // Escape moves the focus away: the blur that follows must not save what was typed.
  const cancelled = useRef(false);
  const save = () => {
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    const trimmed = name.trim();
    if (!trimmed) setName(logo.name);
    else if (trimmed !== logo.name) void updateLogo(logo, { name: trimmed }, `Rename to ${trimmed}`);
  };
  return (
    <input
      className="details__name-input"
      aria-label="Name"
      value={name}
      maxLength={200}
      onChange={(event) => setName(event.target.value)}
      onBlur={save}
      onKeyDown={(event) => {
        // Either key ends the rename: the focus goes back to the grid, never to the page.
        if (event.key === 'Enter') {
          if (!returnFocus()) event.currentTarget.blur();
        }
        if (event.key === 'Escape') {
          setName(logo.name);
          event.stopPropagation();
          cancelled.current = true;
          if (!returnFocus()) cancelled.current = false;
        }
      }}
    />
  );
}

function Notes({ logo, canEdit }: { logo: Logo; canEdit: boolean }) {
  const [notes, setNotes] = useState(logo.notes);
  useEffect(() => setNotes(logo.notes), [logo.notes]);
  if (!canEdit) return logo.notes ? <p className="details__notes">{logo.notes}</p> : <p className="muted">No notes.</p>;
  return (
    <textarea
      className="input details__notes-input"
      aria-label="Notes"
      placeholder="Usage rules, client, where it came from…"
      value={notes}
      rows={3}
      onChange={(event) => setNotes(event.target.value)}
      onBlur={() => {
        if (notes !== logo.notes) void updateLogo(logo, { notes }, 'Edit notes');
      }}
    />
  );
}

function SingleLogo({ logo, canEdit }: { logo: Logo; canEdit: boolean }) {
  const { palette, artwork, outputs, versions, memberOf } = useDetailsStore(
    useShallow((state) => ({
      palette: state.palette,
      artwork: state.artwork,
      outputs: state.outputs,
      versions: state.versions,
      memberOf: state.memberOf,
    })),
  );
  const trashed = logo.deletedAt !== null;
  return (
    <>
      <div className="details__preview checkerboard">
        <img src={previewSrc(logo)} alt={`Preview of ${logo.name}`} />
      </div>
      <div className="details__title">
        {canEdit && !trashed ? <EditableName logo={logo} /> : <h2 className="details__name">{logo.name}</h2>}
        {canEdit && !trashed && (
          <button
            type="button"
            className="icon-button"
            aria-pressed={logo.favorite}
            aria-label={logo.favorite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={() =>
              void updateLogo(logo, { favorite: !logo.favorite }, logo.favorite ? 'Unfavourite' : 'Favourite')
            }
          >
            <Icon name="star" filled={logo.favorite} />
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>Format</dt>
        <dd>
          {formatLabel(logo)} · {logo.isVector ? 'Vector' : 'Raster'}
          {logo.hasAlpha ? ' · Transparent' : ''}
        </dd>
        <dt>Size</dt>
        <dd>{dimensions(logo)} px</dd>
        <dt>File</dt>
        <dd>{formatBytes(logo.byteSize)}</dd>
        <dt>Imported</dt>
        <dd>{formatDate(logo.importedAt)}</dd>
        <dt>Rating</dt>
        <dd>
          <RatingStars logo={logo} canEdit={canEdit && !trashed} />
        </dd>
      </dl>
      <section className="details__section" aria-labelledby="details-palette">
        <h3 id="details-palette">Palette</h3>
        <PaletteSwatches palette={palette} logoId={logo.id} canEdit={canEdit && !trashed} />
      </section>
      <section className="details__section" aria-labelledby="details-artwork">
        <h3 id="details-artwork">Background</h3>
        <ArtworkReading logoId={logo.id} artwork={artwork} canEdit={canEdit && !trashed} />
      </section>
      <section className="details__section" aria-labelledby="details-tags">
        <h3 id="details-tags">Tags</h3>
        <TagEditor ids={[logo.id]} tags={logo.tags} canEdit={canEdit && !trashed} />
      </section>
      <section className="details__section" aria-labelledby="details-collections">
        <h3 id="details-collections">Collections</h3>
        <LogoCollections collections={memberOf} />
        {canEdit && !trashed && <CollectionPicker ids={[logo.id]} />}
      </section>
      <section className="details__section" aria-labelledby="details-notes">
        <h3 id="details-notes">Notes</h3>
        <Notes logo={logo} canEdit={canEdit && !trashed} />
      </section>
      <section className="details__section" aria-labelledby="details-outputs">
        <h3 id="details-outputs">Outputs</h3>
        <Outputs outputs={outputs} canEdit={canEdit} />
      </section>
      <Versions logo={logo} versions={versions} canEdit={canEdit && !trashed} />
      <div className="details__actions">
        <a className="button" href={mediaPath('original', logo.id)} download>
          <Icon name="download" size={16} />
          Download original
        </a>
        {canEdit && !trashed && (
          <button type="button" className="button" onClick={(event) => openStudioFor(logo, event.currentTarget)}>
            Favicon studio…
          </button>
        )}
        {canEdit && !trashed && <ProofButton logo={logo} />}
        {canEdit && !trashed && (
          <button type="button" className="button button--danger" onClick={() => backToGrid(trashLogos([logo.id]))}>
            <Icon name="trash" size={16} />
            Move to Trash
          </button>
        )}
        {canEdit && trashed && (
          <button type="button" className="button" onClick={() => backToGrid(restoreLogos([logo.id]))}>
            <Icon name="restore" size={16} />
            Restore
          </button>
        )}
      </div>
    </>
  );
}

function ManyLogos({ ids, canEdit, trashed }: { ids: readonly string[]; canEdit: boolean; trashed: boolean }) {
  return (
    <>
      <div className="details__many">
        <Icon name="library" size={32} />
        <h2 className="details__name">{plural(ids.length, 'logo')} selected</h2>
        <button type="button" className="link-button" onClick={clearSelection}>
          Clear selection
        </button>
      </div>
      {canEdit && !trashed && (
        <>
          <section className="details__section" aria-labelledby="details-bulk-tags">
            <h3 id="details-bulk-tags">Tag all</h3>
            <TagEditor ids={ids} tags={[]} canEdit />
          </section>
          <section className="details__section" aria-labelledby="details-bulk-collections">
            <h3 id="details-bulk-collections">Collections</h3>
            <CollectionPicker ids={ids} />
          </section>
          <div className="details__actions">
            <button type="button" className="button" onClick={() => showScreen('export')}>
              <Icon name="export" size={16} />
              Export…
            </button>
            <button type="button" className="button button--danger" onClick={() => backToGrid(trashLogos(ids))}>
              <Icon name="trash" size={16} />
              Move to Trash
            </button>
          </div>
        </>
      )}
      {canEdit && trashed && (
        <div className="details__actions">
          <button type="button" className="button" onClick={() => backToGrid(restoreLogos(ids))}>
            <Icon name="restore" size={16} />
            Restore {plural(ids.length, 'logo')}
          </button>
        </div>
      )}
    </>
  );
}

/** The right-hand panel: one logo in full, a summary of many, or a hint. */
export function DetailsPanel({ trashed }: { trashed: boolean }) {
  const selected = useSelectionStore((state) => state.selected);
  const logo = useDetailsStore((state) => state.logo);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const ids = [...selected];
  return (
    <aside className="details" aria-label="Details">
      {ids.length === 0 && (
        <div className="details__empty">
          <Icon name="image" size={32} />
          <p>Select a logo to see its details.</p>
          <p className="muted">
            Shift-click selects a range, {navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}-click adds one.
          </p>
        </div>
      )}
      {ids.length === 1 && logo && logo.id === ids[0] && <SingleLogo logo={logo} canEdit={canEdit} />}
      {ids.length > 1 && <ManyLogos ids={ids} canEdit={canEdit} trashed={trashed} />}
    </aside>
  );
}
