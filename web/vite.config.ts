import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API (PORT, default 3000) serves /api and /socket.io; in development Vite proxies both to it.
const api = `http://127.0.0.1:${process.env.API_PORT ?? process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks the entry imports statically (bench:web reads it)
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
});
