import { ApiKey, ApiKeyIdParams, ApiKeyList, ApiKeyWithSecret, CreateApiKeyRequest } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentApiKey } from './present.js';
import { createApiKey, listApiKeys, revokeApiKey } from './service.js';

export function registerApiKeyRoutes(app: Api): void {
  const tags = ['api-keys'];
  const security = staffSecurity;

  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        security,
        summary: 'The organization’s API keys, newest first, with their last use; never their secrets (admins)',
        response: { 200: ApiKeyList, ...errors(401, 403) },
      },
    },
    async (req) => ({ keys: (await listApiKeys(req.asStaff())).map(presentApiKey) }),
  );

  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        security,
        summary: 'Create a key with scopes (admins); the answer holds the key, shown this once: only its hash is kept',
        body: CreateApiKeyRequest,
        response: { 201: ApiKeyWithSecret, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const { row, key } = await createApiKey(req.asStaff(), req.body);
      return reply.status(201).send({ ...presentApiKey(row), key });
    },
  );

  app.post(
    '/api/v1/api-keys/:id/revoke',
    {
      schema: {
        tags,
        security,
        summary: 'Revoke a key at once: its next request is refused with 401 (admins)',
        params: ApiKeyIdParams,
        response: { 200: ApiKey, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentApiKey(await revokeApiKey(req.asStaff(), req.params.id)),
  );
}
