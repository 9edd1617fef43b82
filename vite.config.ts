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
    // Served from disk (app protocol or loopback), so one large chunk costs little; zxcvbn's
    // dictionaries are the biggest and load lazily.
    chunkSizeWarningLimit: 2500,
  },
  worker: { format: 'es' },
});
