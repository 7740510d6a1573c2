import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console and agency portal: one bundle served by the Accord server under /ui/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  logLevel: 'error',
});
