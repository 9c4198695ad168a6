import { PassThrough, type Readable } from 'node:stream';
import type { PrivacyExport } from '@frontdesk/protocol';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { exportHtml } from './html.js';

/** A file of the export as the zip's data.json lists it: where it is in the zip instead of its bytes. */
export interface ArchivedFile {
  id: string;
  name: string;
  mime: string;
  byteSize: number;
  /** Its place in the zip (`files/…`); null when its bytes are no longer stored. */
  path: string | null;
  sentAt: string | null;
  from: string | null;
}

/** Formats that are compressed already (images, video, audio, archives) are stored as they are. */
const deflates = (mime: string) =>
  mime.startsWith('text/') || /^application\/(json|xml|pdf)|^image\/svg\+xml/.test(mime);

/** A name safe in any file system and zip tool: no folders, no control or reserved characters. */
export function safeName(name: string): string {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim()
    .slice(-120);
  return cleaned || 'file';
}

/**
 * A person's export as a zip, written while it is sent: `data.json` (the export, each file by its
 * place in the zip), `transcript.html` (the readable page, linking to the files beside it),
 * `index.txt` (every file: its place, original name, type, size, when and by whom it was sent) and
 * `files/` with every file byte for byte. One file's bytes are in memory at a time, and the next is
 * read only once the client has taken what came before.
 */
export function exportZip(data: PrivacyExport, read: (fileId: string) => Promise<Buffer | null>): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    if (out.destroyed) return;
    out.write(chunk);
    if (final) out.end();
  });
  const taken = () =>
    new Promise<void>((resolve) => {
      if (out.writableLength < out.writableHighWaterMark || out.destroyed) return resolve();
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  const add = (path: string, bytes: Uint8Array, deflate: boolean) => {
    const entry = deflate ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(entry);
    entry.push(bytes, true);
  };
  const sent = new Map<string, { at: string; from: string }>();
  for (const c of data.conversations)
    for (const m of c.messages) for (const id of m.fileIds) sent.set(id, { at: m.at, from: m.name ?? m.from });

  void (async () => {
    const files: ArchivedFile[] = [];
    for (const [i, file] of data.files.entries()) {
      if (out.destroyed) return;
      const bytes = await read(file.id);
      const path = bytes ? `files/${String(i + 1).padStart(3, '0')}-${safeName(file.name)}` : null;
      if (bytes && path) add(path, bytes, deflates(file.mime));
      const { base64: _, ...meta } = file;
      files.push({ ...meta, path, sentAt: sent.get(file.id)?.at ?? null, from: sent.get(file.id)?.from ?? null });
      await taken();
    }
    const paths = new Map(files.map((f) => [f.id, f.path]));
    add('data.json', strToU8(JSON.stringify({ ...data, files }, null, 2)), true);
    add('transcript.html', strToU8(exportHtml(data, (id) => paths.get(id) ?? null)), true);
    add('index.txt', strToU8(indexText(data, files)), true);
    zip.end();
  })().catch((err) => out.destroy(err));
  return out;
}

function indexText(data: PrivacyExport, files: ArchivedFile[]): string {
  const lines = [
    `Your data at ${data.organization.name}, exported ${data.exportedAt} (UTC).`,
    '',
    'data.json        everything held about you, as data (files by their place in this archive)',
    'transcript.html  the same as a page to read: your details and every conversation',
    '',
    files.length ? 'Files (place in this archive — original name, type, size, sent at (UTC), by):' : 'No files.',
    ...files.map(
      (f) =>
        `${f.path ?? '(no longer stored)'} — ${f.name}, ${f.mime}, ${f.byteSize} bytes, ${f.sentAt ?? '-'}, ${f.from ?? '-'}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
