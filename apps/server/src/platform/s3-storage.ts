import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../config.js';
import { checkedKey, type FileStorage } from './file-storage.js';
import { requiredOnFirstUse } from './on-first-use.js';

/** The AWS SDK is loaded when a node is set to use S3, not at every start: ~20 MB of resident memory. */
const s3Sdk = requiredOnFirstUse<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2 …), under `keyPrefix` + the file's id.
 * The bucket stays private: Frontdesk reads the bytes and serves them itself after checking who
 * asks, so no object URL is ever handed out. Checksums are computed only where the API requires
 * them, which every S3-compatible server understands.
 */
export function s3Storage(settings: S3Settings): FileStorage & { client: S3Client } {
  const { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } = s3Sdk();
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: settings.credentials,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  const keyOf = (key: string) => `${settings.keyPrefix}${checkedKey(key)}`;
  return {
    kind: 's3',
    client,
    async put(key, data, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(key),
          Body: data,
          ContentType: contentType ?? 'application/octet-stream',
        }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        if (!object.Body) return null;
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) {
          return null;
        }
        throw err;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success too
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };
}
