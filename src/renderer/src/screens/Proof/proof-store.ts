import { create } from 'zustand';
import type { Job } from '../../../../shared/contract/jobs.ts';
import { PROOF_RECIPES, type ProofSheet } from '../../../../shared/proof.ts';
import { client } from '../../api/client.ts';
import { plural } from '../../components/format.ts';
import { errorMessage } from '../../stores/toast-store.ts';

export interface ProofTarget {
  readonly id: string;
  readonly name: string;
}

interface ProofState {
  /** The logos on the sheet; empty when the dialog is closed. */
  readonly logos: readonly ProofTarget[];
  readonly sheet: ProofSheet | null;
  readonly error: string | null;
  /** Jobs the dialog queued that have not finished yet. */
  readonly making: ReadonlySet<string>;
  readonly returnFocus: HTMLElement | null;
}

export const useProofStore = create<ProofState>(() => ({
  logos: [],
  sheet: null,
  error: null,
  making: new Set(),
  returnFocus: null,
}));

/** "Proof: Acme" or "Proof: 3 logos": the dialog's accessible name. */
export function proofTitle(logos: readonly ProofTarget[]): string {
  return logos.length === 1 ? `Proof: ${logos[0]?.name ?? ''}` : `Proof: ${plural(logos.length, 'logo')}`;
}

let sequence = 0;

/** Reads the sheet again; a reply to an older request is dropped. */
export async function loadProof(): Promise<void> {
  const { logos } = useProofStore.getState();
  if (logos.length === 0) return;
  const mine = ++sequence;
  try {
    const sheet = await client.call('library.proof', { ids: logos.map((logo) => logo.id) });
    if (mine === sequence) useProofStore.setState({ sheet, error: null });
  } catch (error) {
    if (mine === sequence) useProofStore.setState({ error: errorMessage(error) });
  }
}

export function openProof(logos: readonly ProofTarget[], returnFocus: HTMLElement | null = null): void {
  if (logos.length === 0) return;
  useProofStore.setState({ logos: [...logos], sheet: null, error: null, making: new Set(), returnFocus });
  void loadProof();
}

export function closeProof(): void {
  sequence++;
  useProofStore.setState({ logos: [], sheet: null, error: null, making: new Set() });
}

/** Queues the proof recipes the sheet lacks, each for the logos that lack it, through the jobs contract. */
export async function makeMissing(): Promise<void> {
  const { sheet } = useProofStore.getState();
  if (!sheet) return;
  const queued: string[] = [];
  try {
    for (const { recipe, options } of PROOF_RECIPES) {
      const logoIds = sheet.logos.filter((logo) => logo.missing.includes(recipe)).map((logo) => logo.logoId);
      if (logoIds.length === 0) continue;
      const reply = await client.call('jobs.enqueue', { logoIds, recipe, options, priority: 'interactive' });
      queued.push(...reply.jobs.filter((job) => job.state !== 'done').map((job) => job.id));
    }
  } catch (error) {
    useProofStore.setState({ error: errorMessage(error) });
  }
  useProofStore.setState((state) => ({ making: new Set([...state.making, ...queued]) }));
  // Jobs answered from the cache are done already.
  void loadProof();
}

/** From 'jobs.changed': a job the sheet waits for finished, so the sheet is read again. */
export function applyProofJobs(jobs: readonly Job[]): void {
  const { logos, making } = useProofStore.getState();
  if (logos.length === 0) return;
  const ids = new Set(logos.map((logo) => logo.id));
  const recipes = new Set(PROOF_RECIPES.map((r) => r.recipe));
  const finished = jobs.filter(
    (job) => ids.has(job.logoId) && recipes.has(job.recipe) && ['done', 'failed', 'cancelled'].includes(job.state),
  );
  if (finished.length === 0) return;
  const failed = finished.filter((job) => job.state === 'failed' && making.has(job.id));
  const left = new Set(making);
  for (const job of finished) left.delete(job.id);
  useProofStore.setState({
    making: left,
    ...(failed.length > 0
      ? { error: failed.map((job) => `${job.recipe} failed: ${job.errorMessage ?? 'unknown error'}`).join(' ') }
      : {}),
  });
  void loadProof();
}
