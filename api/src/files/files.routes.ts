import express, { Router } from 'express';
import type { SessionUser } from '../auth/auth.types';
import { currentUser, requireUser } from '../http/auth';
import { valid, validate } from '../http/validate';
import { idParams } from '../common/schemas';
import { AppError } from '../errors';
import { AttachmentParams, UploadQuery } from './files.schemas';
import { listFiles, MAX_FILE_BYTES, openFile, removeFile, uploadFile } from './files.service';

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so 专利说明书.pdf keeps its name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// The body is the file itself, of any declared type: what it is gets decided from its bytes.
const rawBody = express.raw({ type: () => true, limit: MAX_FILE_BYTES });

/**
 * Attachments: `POST /api/attachments/:kind/:id?name=` (the body is the file), the target's list,
 * `GET /api/files/:id` (always a download, never rendered by the browser), `DELETE /api/files/:id`.
 */
export function fileRoutes(): Router {
  const r = Router();

  r.post(
    '/attachments/:kind/:id',
    requireUser,
    validate({ params: AttachmentParams, query: UploadQuery }),
    (req, res, next) =>
      rawBody(req, res, (err?: unknown) => {
        const e = err as { type?: string } | undefined;
        if (e?.type === 'entity.too.large')
          return next(new AppError(413, 'file_too_large', `file: must be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`, { field: 'file' }));
        next(err);
      }),
    async (req, res) => {
      const p = valid<AttachmentParams>(req, 'params');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.status(201).json(await uploadFile(currentUser(req), p.kind, p.id, valid<{ name: string }>(req, 'query').name, body));
    },
  );

  r.get('/attachments/:kind/:id', validate({ params: AttachmentParams }), async (req, res) => {
    const p = valid<AttachmentParams>(req, 'params');
    res.json(await listFiles(req.user as SessionUser | undefined, p.kind, p.id));
  });

  r.get('/files/:id', validate({ params: idParams }), async (req, res) => {
    const { file, stream } = await openFile(req.user as SessionUser | undefined, String(req.params.id));
    res.setHeader('content-type', file.type);
    res.setHeader('content-length', String(file.size));
    res.setHeader('content-disposition', contentDisposition(file.name));
    res.setHeader('x-content-type-options', 'nosniff');
    // Should a browser render it anyway, it runs nothing and loads nothing.
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    const s = stream();
    s.on('error', (err) => res.destroy(err));
    s.pipe(res);
  });

  r.delete('/files/:id', requireUser, validate({ params: idParams }), async (req, res) => {
    res.json(await removeFile(currentUser(req), String(req.params.id)));
  });

  return r;
}
