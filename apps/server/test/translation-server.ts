import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TranslationRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** What the fake knows: each phrase's language and its translations. */
const phrasebook: Record<string, { language: string; to: Record<string, string> }> = {
  'Dzień dobry, nie ma ręczników': { language: 'pl', to: { en: 'Good morning, there are no towels' } },
  'Two towels are on their way': { language: 'en', to: { pl: 'Dwa ręczniki są w drodze' } },
  'Guten Tag': { language: 'de', to: { en: 'Good day', pl: 'Dzień dobry' } },
};

/** A phrase the fake does not know is "translated" by marking it with the target language. */
function translate(text: string, target: string): { text: string; detected: string } {
  const known = phrasebook[text];
  if (known)
    return {
      text: known.language === target ? text : (known.to[target] ?? `[${target}] ${text}`),
      detected: known.language,
    };
  return { text: `[${target}] ${text}`, detected: 'en' === target ? 'pl' : 'en' };
}

/**
 * A real HTTP server on a free port of 127.0.0.1 that speaks the three providers' APIs as far as
 * Frontdesk uses them — DeepL `POST /v2/translate`, Google `POST /language/translate/v2`,
 * LibreTranslate `POST /translate` — with each one's answer shape. It records every request;
 * `mode` makes it fail (500) or hang (never answers) instead.
 */
export async function startTranslationServer() {
  const requests: TranslationRequest[] = [];
  let mode: 'ok' | 'fail' | 'hang' = 'ok';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // recorded as empty: the test's assertions on the body fail
      }
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      if (mode === 'hang') return;
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (mode === 'fail') return json(500, { message: 'Internal error' });
      if (req.method !== 'POST') return json(405, { message: 'POST only' });
      if (url.pathname === '/v2/translate') {
        if (req.headers.authorization !== 'DeepL-Auth-Key test-key') return json(403, { message: 'Wrong key' });
        const target =
          String(body.target_lang ?? '')
            .toLowerCase()
            .split('-')[0] ?? '';
        const texts = (body.text as string[]) ?? [];
        return json(200, {
          translations: texts.map((t) => {
            const done = translate(t, target);
            return { detected_source_language: done.detected.toUpperCase(), text: done.text };
          }),
        });
      }
      if (url.pathname === '/language/translate/v2') {
        if (url.searchParams.get('key') !== 'test-key') return json(400, { error: { message: 'API key not valid' } });
        const texts = (body.q as string[]) ?? [];
        return json(200, {
          data: {
            translations: texts.map((t) => {
              const done = translate(t, String(body.target));
              return { translatedText: done.text, detectedSourceLanguage: done.detected };
            }),
          },
        });
      }
      if (url.pathname === '/translate') {
        if (body.source !== 'auto' || body.format !== 'text') return json(400, { error: 'Invalid request' });
        const many = Array.isArray(body.q);
        const texts = many ? (body.q as string[]) : [String(body.q)];
        const done = texts.map((t) => translate(t, String(body.target)));
        const detected = done.map((d) => ({ confidence: 90, language: d.detected }));
        return json(200, {
          translatedText: many ? done.map((d) => d.text) : done[0]?.text,
          detectedLanguage: many ? detected : detected[0],
        });
      }
      return json(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Every request so far that asked to translate `text`. */
    asking: (text: string) =>
      requests.filter((r) => JSON.stringify([r.body.text, r.body.q]).includes(JSON.stringify(text).slice(1, -1))),
    setMode: (next: 'ok' | 'fail' | 'hang') => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
