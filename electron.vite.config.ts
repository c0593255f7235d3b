import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { bundledPackagesPlugin } from './scripts/bundled-packages.ts';

/**
 * Three bundles: the Electron main process (with the intake process and pipeline worker as
 * entries of their own, because they run in other processes/threads), the sandboxed preload
 * (CommonJS, dependencies bundled in: a sandboxed preload cannot require packages), and the renderer.
 * Each writes bundled-packages.json, the packages it bundled, for the licence notices.
 */
export default defineConfig({
  main: {
    plugins: [bundledPackagesPlugin()],
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'intake-process': resolve(import.meta.dirname, 'src/main/core/intake/intake-process.ts'),
          'pipeline-worker': resolve(import.meta.dirname, 'src/main/core/pipeline/pipeline-worker.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [bundledPackagesPlugin()],
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react(), bundledPackagesPlugin()],
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
