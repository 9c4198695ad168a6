import { uploadAttachment } from '@frontdesk/sdk';

/**
 * Uploads a message's files one after another (each retried on a bad connection by the SDK) and
 * resolves with their ids for the send; `onProgress` hears the share of all their bytes sent, 0 to 1.
 */
export async function uploadFiles(
  files: readonly File[],
  url: string,
  onProgress: (share: number) => void,
): Promise<string[]> {
  const total = files.reduce((sum, file) => sum + file.size, 0) || 1;
  let done = 0;
  const ids: string[] = [];
  for (const file of files) {
    const stored = await uploadAttachment(file, {
      url,
      onProgress: (share) => onProgress((done + share * file.size) / total),
    });
    done += file.size;
    ids.push(stored.id);
  }
  return ids;
}
