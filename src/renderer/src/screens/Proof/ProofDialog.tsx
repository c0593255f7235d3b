import { useShallow } from 'zustand/react/shallow';
import { mediaPath, outputPath } from '../../../../shared/client.ts';
import type { ProofItem, ProofLogo } from '../../../../shared/proof.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { recipeLabel } from '../../components/recipes.ts';
import { canEdit } from '../../stores/app-store.ts';
import { closeProof, makeMissing, proofTitle, useProofStore } from './proof-store.ts';
import './proof.css';

function Output({ item, name }: { item: ProofItem; name: string }) {
  return (
    <li className={`proof__item${item.belowThreshold ? ' proof__item--flagged' : ''}`} data-recipe={item.recipe}>
      <figure>
        <span className={`proof__picture${item.dark ? ' proof__picture--dark' : ' checkerboard'}`}>
          <img src={outputPath(item.jobId, item.file)} alt={`${item.label} of ${name}`} decoding="async" />
        </span>
        <figcaption>
          <span className="proof__label">{item.label}</span>
          <span className="proof__score">{item.score ?? 'No score'}</span>
          {item.belowThreshold && <strong className="proof__check">Check: below its threshold</strong>}
          {item.stale && <span className="proof__stale">Made from an older master or recipe</span>}
        </figcaption>
      </figure>
      {item.warnings.length > 0 && (
        <ul className="proof__warnings">
          {item.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

function LogoProof({ logo }: { logo: ProofLogo }) {
  const flagged = logo.items.filter((item) => item.belowThreshold).length;
  return (
    <section className="proof__logo" aria-labelledby={`proof-${logo.logoId}`}>
      <h3 id={`proof-${logo.logoId}`}>
        {logo.name}
        <span className="muted">
          {' · '}
          {logo.items.length === 0
            ? 'no outputs yet'
            : flagged === 0
              ? 'every output within its threshold'
              : `${plural(flagged, 'output')} to check`}
        </span>
      </h3>
      <ul className="proof__items">
        <li className="proof__item proof__item--master">
          <figure>
            <span className="proof__picture checkerboard">
              <img src={mediaPath('preview', logo.logoId)} alt={`Master of ${logo.name}`} decoding="async" />
            </span>
            <figcaption>
              <span className="proof__label">Master</span>
              <span className="proof__score muted">What every output is scored against</span>
            </figcaption>
          </figure>
        </li>
        {logo.items.map((item) => (
          <Output key={`${item.jobId}/${item.file}`} item={item} name={logo.name} />
        ))}
      </ul>
      {logo.missing.length > 0 && (
        <p className="muted proof__missing">
          Not made yet or out of date: {logo.missing.map((recipe) => recipeLabel(recipe)).join(', ')}.
        </p>
      )}
    </section>
  );
}

/** The proof sheet before export: every output of the selection beside its master, with its score. */
export function ProofDialog() {
  const { logos, sheet, error, making, returnFocus } = useProofStore(
    useShallow((state) => ({
      logos: state.logos,
      sheet: state.sheet,
      error: state.error,
      making: state.making,
      returnFocus: state.returnFocus,
    })),
  );
  if (logos.length === 0) return null;
  const missing = sheet?.logos.reduce((sum, logo) => sum + logo.missing.length, 0) ?? 0;
  return (
    <Dialog label={proofTitle(logos)} onClose={closeProof} className="proof" returnFocus={() => returnFocus}>
      <header className="dialog__head">
        <h2>{proofTitle(logos)}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={closeProof}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <div className="dialog__body">
        <p className="muted">
          Each output beside its master, scored against a render of the master: both traces, background removal and each
          colourway of the package. Outputs under their threshold are marked Check.
        </p>
        <p className="proof__status" role="status" aria-live="polite">
          {error
            ? `Could not read the proof: ${error}`
            : !sheet
              ? 'Reading the outputs…'
              : making.size > 0
                ? `Making ${plural(making.size, 'output')}…`
                : missing > 0
                  ? `${plural(missing, 'output')} not made yet or out of date.`
                  : 'Every output is on the sheet.'}
        </p>
        {sheet?.logos.map((logo) => (
          <LogoProof key={logo.logoId} logo={logo} />
        ))}
      </div>
      <footer className="proof__foot">
        {canEdit() && missing > 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={making.size > 0}
            onClick={() => void makeMissing()}
          >
            Make missing outputs
          </button>
        )}
        <button type="button" className="button" onClick={closeProof}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}
