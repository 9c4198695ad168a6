import { FileIdParams } from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { loadServedFile } from './service.js';

/** A file's id never names other bytes, so browsers and proxies may keep it for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const ServedImage = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .meta({ type: 'string', format: 'binary' });

export function registerFileRoutes(app: Api, ctx: AppContext): void {
  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'An uploaded image (a logo or a staff photo), by the id in its URL; public',
        params: FileIdParams,
        response: {
          200: {
            description: 'The image, re-encoded on upload (PNG for logos, WebP for photos), cached as immutable',
            content: { 'image/png': { schema: ServedImage }, 'image/webp': { schema: ServedImage } },
          },
          ...errors(400, 404),
        },
      },
    },
    async (req, reply) => {
      const { file, data } = await loadServedFile(ctx.db, ctx.files, req.params.id);
      return reply
        .type(file.contentType)
        .header('cache-control', IMMUTABLE)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(data);
    },
  );
}
