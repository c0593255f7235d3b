import type { Bench } from './bench.ts';
import { deliverablesBench } from './deliverables.ts';
import { pipelineBench } from './pipeline.ts';
import { exporterBench } from './exporter.ts';
import { shareBench } from './share.ts';
import { searchBench } from './search.ts';
import { traceBench } from './trace.ts';
import { uiGridBench } from './ui-grid.ts';

/** Every benchmark section, by name (`npm run bench -- <name>` runs one). */
export const sections: Record<string, Bench> = {
  pipeline: pipelineBench,
  share: shareBench,
  search: searchBench,
  exporter: exporterBench,
  trace: traceBench,
  'ui-grid': uiGridBench,
  deliverables: deliverablesBench,
};
