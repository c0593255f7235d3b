import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/contract/index.ts';
import type { PrintStatus } from '../../../../shared/print.ts';
import { client } from '../../api/client.ts';
import { plural } from '../../components/format.ts';
import { showToast } from '../../stores/toast-store.ts';
import { attempt } from './settings-actions.ts';

/** A picked file as the contract takes it: its name and its bytes in base64. */
function readFile(file: File): Promise<{ fileName: string; base64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ fileName: file.name, base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name}: cannot be read`));
    reader.readAsDataURL(file);
  });
}

/** A button that opens a file picker for one kind of file and hands the file on. */
function FileButton(props: { label: string; accept: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}

/**
 * Print colour: the press profile CMYK is separated for, the rendering intent, the total ink limit
 * (kept per profile), the rich-black rule, and swatch books spot inks are named from.
 */
export function PrintCard() {
  const [status, setStatus] = useState<PrintStatus | null>(null);
  const [limit, setLimit] = useState('');
  // The limit field follows the saved limit only when that changes (another profile chosen), so a
  // reply to an unrelated change never overwrites what the designer is typing.
  const savedLimit = useRef<number | null>(null);
  const apply = useCallback((next: PrintStatus | null): void => {
    if (!next) return;
    setStatus(next);
    if (savedLimit.current !== next.setup.coverageLimit) {
      savedLimit.current = next.setup.coverageLimit;
      setLimit(String(next.setup.coverageLimit));
    }
  }, []);
  useEffect(() => {
    void attempt('read the print settings', () => client.call('print.status', {})).then(apply);
  }, [apply]);
  if (!status) return null;
  const { setup } = status;
  const configure = (change: InputOf<'print.configure'>, what: string) =>
    void attempt(what, () => client.call('print.configure', change)).then(apply);
  const upload = (method: 'print.addProfile' | 'print.addSwatchBook', file: File, what: string) =>
    void attempt(what, async () => client.call(method, await readFile(file))).then((next) => {
      apply(next);
      if (next) showToast({ tone: 'success', message: `Added ${file.name}` });
    });
  const wantedLimit = Number(limit);
  const limitValid = Number.isInteger(wantedLimit) && wantedLimit >= 150 && wantedLimit <= 400;
  const added = status.profiles.find((profile) => profile.id === setup.profile.id && profile.id !== 'builtin');
  return (
    <section className="card" aria-labelledby="settings-print">
      <h2 id="settings-print">Print colour</h2>
      <p className="muted">
        CMYK in PDFs, separations and palettes is separated for this press profile. Ask your printer for theirs
        (FOGRA39, GRACoL, Japan Color…).
      </p>
      <div className="field-row">
        <div className="field field--inline">
          <label htmlFor="print-profile">Press profile</label>
          <span className="select">
            <select
              id="print-profile"
              value={setup.profile.id}
              onChange={(event) => configure({ profileId: event.target.value }, 'choose the press profile')}
            >
              {status.profiles.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.name}
                </option>
              ))}
            </select>
          </span>
        </div>
        <FileButton
          label="Add profile (.icc)…"
          accept=".icc,.icm"
          onFile={(file) => upload('print.addProfile', file, `add ${file.name}`)}
        />
        {added ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() =>
              void attempt('remove the profile', () => client.call('print.removeProfile', { id: added.id })).then(apply)
            }
          >
            Remove
          </button>
        ) : null}
      </div>
      <div className="field-row">
        <div className="field field--inline">
          <label htmlFor="print-intent">Rendering intent</label>
          <span className="select">
            <select
              id="print-intent"
              value={setup.intent}
              onChange={(event) =>
                configure({ intent: event.target.value as 'relative' | 'perceptual' }, 'set the rendering intent')
              }
            >
              <option value="relative">Relative colorimetric</option>
              <option value="perceptual">Perceptual</option>
            </select>
          </span>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={setup.blackPointCompensation}
            onChange={(event) =>
              configure({ blackPointCompensation: event.target.checked }, 'set black point compensation')
            }
          />
          Black point compensation
        </label>
      </div>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (limitValid) configure({ coverageLimit: wantedLimit }, 'set the ink limit');
        }}
      >
        <div className="field field--inline">
          <label htmlFor="print-limit">Total ink limit (%)</label>
          <input
            id="print-limit"
            className="input input--number"
            type="number"
            min={150}
            max={400}
            value={limit}
            onChange={(event) => setLimit(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={!limitValid || wantedLimit === setup.coverageLimit}>
          Set limit
        </button>
      </form>
      <div className="field-row">
        <div className="field field--inline">
          <label htmlFor="print-black">Black</label>
          <span className="select">
            <select
              id="print-black"
              value={setup.richBlack}
              onChange={(event) =>
                configure({ richBlack: event.target.value as 'auto' | 'rich' | 'pure-k' }, 'set the black rule')
              }
            >
              <option value="auto">Pure K for text and thin lines, rich black for large areas</option>
              <option value="rich">Rich black everywhere</option>
              <option value="pure-k">Pure K everywhere</option>
            </select>
          </span>
        </div>
      </div>
      <h3 className="card__subtitle">Swatch books</h3>
      {status.swatchBooks.length === 0 ? (
        <p className="muted">
          Load your ink books (Adobe Swatch Exchange, e.g. exported from Illustrator) to name spot inks after them.
        </p>
      ) : (
        <ul className="list-plain" aria-label="Swatch books">
          {status.swatchBooks.map((book) => (
            <li key={book.id} className="inks__ink">
              <span>
                {book.name} <span className="muted">({plural(book.inks, 'ink')})</span>
              </span>
              <button
                type="button"
                className="button button--ghost"
                aria-label={`Remove swatch book ${book.name}`}
                onClick={() =>
                  void attempt('remove the swatch book', () =>
                    client.call('print.removeSwatchBook', { id: book.id }),
                  ).then(apply)
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <FileButton
          label="Load swatch book (.ase)…"
          accept=".ase"
          onFile={(file) => upload('print.addSwatchBook', file, `load ${file.name}`)}
        />
      </div>
    </section>
  );
}
