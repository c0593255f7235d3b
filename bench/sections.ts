import { artworkBench } from './artwork.ts';
import type { Bench } from './bench.ts';
import { deliverablesBench } from './deliverables.ts';
import { exporterBench } from './exporter.ts';
import { fullPackageBench } from './full-package.ts';
import { importBench } from './import.ts';
import { pipelineBench } from './pipeline.ts';
import { scaleBench } from './scale.ts';
import { searchBench } from './search.ts';
import { shareBench } from './share.ts';
import { traceBench } from './trace.ts';
import { uiGridBench } from './ui-grid.ts';

/** Every benchmark section, by name (`npm run bench -- <name>` runs one). */
export const sections: Record<string, Bench> = {
  pipeline: pipelineBench,
  share: shareBench,
  exporter: exporterBench,
  search: searchBench,
  trace: traceBench,
  'ui-grid': uiGridBench,
  deliverables: deliverablesBench,
  import: importBench,
  'full-package': fullPackageBench,
  scale: scaleBench,
  artwork: artworkBench,
};

/** Sections that run only when named (`npm run bench -- scale`): too slow for every run. */
export const optInSections: ReadonlySet<string> = new Set(['scale']);
