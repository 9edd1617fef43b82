import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer build: one static bundle served by the app protocol or the web-mode server. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
});
