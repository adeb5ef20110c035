// Vite config for the Hearth staff app. `npm run build` writes web/dist/, which
// `hearth serve --web-root web/dist` serves at `/` (index.html for client routes).
// In development (`npm run dev`) API calls go to a running `hearth serve`
// (HEARTH_API, default http://127.0.0.1:8080) through Vite's proxy, so cookies stay
// same-origin as in production.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.HEARTH_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
});
