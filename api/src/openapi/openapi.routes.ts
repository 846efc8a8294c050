import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router, type Express } from 'express';
import { buildOpenApi } from './openapi.document';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// The reference page: Swagger UI's static bundle served from this server (no CDN), started by a
// script file rather than an inline one, so the app's CSP (script-src 'self') holds.
const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TechBridge API reference · 接口文档</title>
<link rel="stylesheet" href="./swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"></script>
<script src="./start.js"></script>
</body>
</html>`;
// Tags start collapsed: 114 operations listed open at once stopped Swagger UI's rendering after the
// fourth tag (no error reported); a partner opens the tag it needs.
const START = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, docExpansion: 'none' });\n`;

/**
 * `GET /api/openapi.json` — the OpenAPI 3.1 document of the app's routes (built once, on first
 * request, when every router is mounted) — and the browsable reference at `/api/docs/`.
 */
export function openApiRoutes(app: () => Express, version: string): Router {
  const r = Router();
  let doc: string | null = null;
  r.get('/openapi.json', (_req, res) => {
    doc ??= JSON.stringify(buildOpenApi(app(), { version }));
    res.type('application/json').send(doc);
  });
  r.get('/docs', (req, res) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, '/api/docs/');
    res.type('html').send(PAGE);
  });
  r.get('/docs/start.js', (_req, res) => {
    res.type('application/javascript').send(START);
  });
  r.use(
    '/docs',
    express.static(swaggerDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=3600'),
    }),
  );
  return r;
}
