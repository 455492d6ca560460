import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web app is built into web/dist and served by the Hearken server; `vite dev` proxies the API to it. */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: process.env.HEARKEN_URL ?? 'http://127.0.0.1:3000', ws: true },
      '/widget.js': process.env.HEARKEN_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
