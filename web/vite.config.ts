import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { buildStamp, writeBuildStamp } from '../scripts/web-build.mjs';

// The API (PORT, default 3000) serves /api and /socket.io; in development Vite proxies both to it.
const api = `http://127.0.0.1:${process.env.API_PORT ?? process.env.PORT ?? 3000}`;

/**
 * dist/.build-stamp.json: the build's mode (production only when React's production runtime went
 * in) and a hash of every file the bundle was made from; `npm start` rebuilds when it no longer
 * matches the sources (scripts/web-build.mjs).
 */
function stamp(): Plugin {
  const ids = new Set<string>();
  let outDir = 'dist';
  return {
    name: 'techbridge-build-stamp',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : `${config.root}/${config.build.outDir}`;
    },
    generateBundle() {
      // every module loaded, also those tree-shaking left out (a re-export that changes matters)
      for (const id of this.getModuleIds()) ids.add(id);
    },
    closeBundle() {
      writeBuildStamp(outDir, buildStamp(ids, process.env.NODE_ENV === 'production' ? 'production' : (process.env.NODE_ENV ?? 'unknown')));
    },
  };
}

export default defineConfig({
  plugins: [react(), stamp()],
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
