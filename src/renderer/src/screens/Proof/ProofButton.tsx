import { client } from '../../api/client.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { openProof, type ProofTarget } from './proof-store.ts';

/** "Proof…" in the details panel: the sheet of the logo shown. */
export function ProofButton({ logo }: { logo: ProofTarget }) {
  return (
    <button
      type="button"
      className="button"
      onClick={(event) => openProof([{ id: logo.id, name: logo.name }], event.currentTarget)}
    >
      Proof…
    </button>
  );
}

/** The most logos one sheet shows (the contract's limit): a larger selection proofs its first ones. */
const MOST = 200;

/** "Proof selection…" on the Export screen, before running: the sheet of the selected logos. */
export function ExportProofButton({ ids }: { ids: readonly string[] }) {
  return (
    <button
      type="button"
      className="button"
      onClick={(event) => {
        const button = event.currentTarget;
        Promise.all(ids.slice(0, MOST).map((id) => client.call('library.get', { id }))).then(
          (logos) => openProof(logos, button),
          (error: unknown) => showToast({ tone: 'error', message: `Cannot open the proof: ${errorMessage(error)}` }),
        );
      }}
    >
      Proof selection…
    </button>
  );
}
