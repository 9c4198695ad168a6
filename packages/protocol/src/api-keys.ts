import { z } from 'zod';
import { ClientId, Conversation, Message } from './chat.js';
import { Id, IsoDate } from './common.js';
import { MAX_MESSAGE_LENGTH } from './events.js';

/** API keys: another system acting for one organization over REST (README "API keys"). */

export const MAX_API_KEYS_PER_ORGANIZATION = 50;

/**
 * What a key may do. Each route an integration uses declares the one scope it needs; a key
 * without it is refused with `api_key_scope_missing` (403).
 */
export const apiKeyScopes = [
  'conversations:read',
  'messages:send',
  'stays:manage',
  'customers:manage',
  'reports:read',
] as const;
export const ApiKeyScope = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    scopes: z.array(ApiKeyScope),
    prefix: z.string().describe('The public start of the key (fdk_<prefix>_…), to tell keys apart'),
    createdBy: Id.nullable(),
    createdAt: IsoDate,
    lastUsedAt: IsoDate.nullable().describe('Updated at most once a minute'),
    revokedAt: IsoDate.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

/** Shown once, at creation: only its SHA-256 hash is kept. */
export const ApiKeyWithSecret = ApiKey.extend({
  key: z.string().describe('fdk_<prefix>_<secret>: send it as `Authorization: Bearer …`; it is never shown again'),
}).meta({ id: 'ApiKeyWithSecret' });
export type ApiKeyWithSecret = z.infer<typeof ApiKeyWithSecret>;

export const ApiKeyList = z.object({ keys: z.array(ApiKey).describe('Newest first, revoked ones included') });
export const ApiKeyIdParams = z.object({ id: Id });

export const CreateApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1, 'Name the key').max(100),
  scopes: z
    .array(ApiKeyScope)
    .min(1, 'Choose at least one scope')
    .max(apiKeyScopes.length)
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** A message sent over REST as the organization; the client id makes a retried send store it once. */
export const ApiSendMessageRequest = z.strictObject({
  clientId: ClientId,
  text: z.string().trim().min(1, 'Type a message').max(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`),
});
export type ApiSendMessageRequest = z.infer<typeof ApiSendMessageRequest>;

/** What a REST send answers: the message (the first one, for a retry), its conversation, and whether it was a retry. */
export const ApiSendMessageResult = z
  .object({ message: Message, conversation: Conversation, duplicate: z.boolean() })
  .meta({ id: 'SendMessageResult' });
