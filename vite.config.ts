/**
 * The web client: `vite` (npm run dev) serves client/ with hot reload and sends /api to the
 * musubi server (PORT and HOST from the project's configuration); `vite build` writes
 * dist/client, which the server serves on its own port (server/http/static-client.ts).
 */
import { defineConfig } from 'vite';
import { loadConfig } from './server/config.ts';

const api = loadConfig();
const apiHost = api.host === '0.0.0.0' ? '127.0.0.1' : api.host;

export default defineConfig({
  root: 'client',
  publicDir: false,
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://${apiHost}:${api.port}`, changeOrigin: false } },
    fs: { allow: ['..'] },
  },
  preview: { proxy: { '/api': { target: `http://${apiHost}:${api.port}` } } },
});
