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

/**
 * Two places where Ant Design's rc-components write styles the page's CSP refuses (style-src is
 * 'self' + a nonce, no 'unsafe-inline') — each refusal a console error and a lost style — changed
 * at build time to what CSP allows. The build fails if a pattern is no longer found (a library
 * update changed the code: look again).
 * - rc-util's scrollbar measure (every antd Table on mount) injects a <style> without the nonce to
 *   copy a custom ::-webkit-scrollbar size: it takes that size as read instead, as it does itself
 *   when the <style> cannot be written. The app styles no scrollbar, so the figure is the same.
 * - rc-input's TextArea autoSize sizes a hidden textarea through setAttribute('style'): set
 *   through the CSSOM (style.cssText), which CSP does not restrict.
 */
function cspSafeRcComponents(): Plugin {
  const patches: { file: string; find: RegExp; replace: string }[] = [
    {
      file: '/@rc-component/util/es/getScrollBarSize.js',
      find: /updateCSS\(`[^`]*`, randomId\);/,
      replace: 'fallbackWidth = width;\n      fallbackHeight = height;',
    },
    {
      file: '/@rc-component/input/es/calculateNodeHeight.js',
      find: /hiddenTextarea\.setAttribute\('style', (`[^`]*`)\);/,
      replace: 'hiddenTextarea.style.cssText = $1;',
    },
  ];
  return {
    name: 'techbridge-csp-safe-rc-components',
    enforce: 'pre',
    transform(code, id) {
      const patch = patches.find((p) => id.split('?')[0]!.endsWith(p.file));
      if (!patch) return null;
      if (!patch.find.test(code)) throw new Error(`${patch.file}: the code to make CSP-safe was not found (was the package updated?)`);
      return { code: code.replace(patch.find, patch.replace), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), stamp(), cspSafeRcComponents()],
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
