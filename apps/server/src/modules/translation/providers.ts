import type { TranslationConfig } from '../../config.js';

/** One text translated: the translation and the language the provider found the original in (lower case), if it said. */
export interface Translated {
  text: string;
  detected: string | null;
}

/**
 * A machine translation service behind one interface: many texts into one language in one call,
 * answers in the order asked. Throws TranslationFailed when the provider fails or does not answer in time.
 */
export interface Translator {
  readonly name: TranslationConfig['provider'];
  translate(texts: string[], target: string): Promise<Translated[]>;
}

export class TranslationFailed extends Error {}

/** The most texts sent in one call (DeepL takes 50 per request; the others are held to the same). */
export const MAX_TEXTS_PER_CALL = 50;

/** The adapter of the configured provider. */
export function translatorFor(config: TranslationConfig): Translator {
  switch (config.provider) {
    case 'deepl':
      return deepl(config);
    case 'google':
      return google(config);
    case 'libretranslate':
      return libreTranslate(config);
  }
}

/** POSTs JSON and reads JSON back, within the timeout; anything but a 2xx with JSON is a TranslationFailed. */
async function postJson(
  config: TranslationConfig,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new TranslationFailed(
      timedOut ? `${config.provider} did not answer within ${config.timeoutMs} ms` : `${config.provider} unreachable`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new TranslationFailed(`${config.provider} answered ${response.status}`);
  }
  try {
    return await response.json();
  } catch {
    throw new TranslationFailed(`${config.provider} answered something that is not JSON`);
  }
}

/** Checks that the provider answered one translation per text asked. */
function counted(provider: string, answers: Translated[] | undefined, asked: number): Translated[] {
  if (!answers || answers.length !== asked || answers.some((a) => typeof a.text !== 'string'))
    throw new TranslationFailed(`${provider} answered ${answers?.length ?? 'no'} translations for ${asked} texts`);
  return answers;
}

const lower = (code: unknown) => (typeof code === 'string' && code ? code.toLowerCase().split('-')[0] : null) ?? null;

/**
 * DeepL API v2 (Free or Pro by the base URL): `POST /v2/translate`, the key in
 * `Authorization: DeepL-Auth-Key …`, target languages in upper case (English and Portuguese need a variant).
 */
function deepl(config: TranslationConfig): Translator {
  const variants: Record<string, string> = { en: 'EN-GB', pt: 'PT-PT' };
  return {
    name: 'deepl',
    async translate(texts, target) {
      const answer = (await postJson(
        config,
        `${config.url}/v2/translate`,
        { text: texts, target_lang: variants[target] ?? target.toUpperCase() },
        { authorization: `DeepL-Auth-Key ${config.apiKey ?? ''}` },
      )) as { translations?: { text: string; detected_source_language?: string }[] };
      const found = answer.translations?.map((t) => ({ text: t.text, detected: lower(t.detected_source_language) }));
      return counted('deepl', found, texts.length);
    },
  };
}

/** Google Cloud Translation, Basic (v2): `POST /language/translate/v2?key=…` with `q[]`, `target`, `format=text`. */
function google(config: TranslationConfig): Translator {
  return {
    name: 'google',
    async translate(texts, target) {
      const key = encodeURIComponent(config.apiKey ?? '');
      const answer = (await postJson(config, `${config.url}/language/translate/v2?key=${key}`, {
        q: texts,
        target,
        format: 'text',
      })) as { data?: { translations?: { translatedText: string; detectedSourceLanguage?: string }[] } };
      const found = answer.data?.translations?.map((t) => ({
        text: t.translatedText,
        detected: lower(t.detectedSourceLanguage),
      }));
      return counted('google', found, texts.length);
    },
  };
}

/**
 * LibreTranslate (self-hosted or libretranslate.com): `POST /translate` with `q` (a list), `source: auto`,
 * `target`, `format: text` and the `api_key` when the server asks for one.
 */
function libreTranslate(config: TranslationConfig): Translator {
  type Detected = { language?: string; confidence?: number };
  return {
    name: 'libretranslate',
    async translate(texts, target) {
      const answer = (await postJson(config, `${config.url}/translate`, {
        q: texts,
        source: 'auto',
        target,
        format: 'text',
        ...(config.apiKey ? { api_key: config.apiKey } : {}),
      })) as { translatedText?: string | string[]; detectedLanguage?: Detected | Detected[] };
      const translated = typeof answer.translatedText === 'string' ? [answer.translatedText] : answer.translatedText;
      const detected = Array.isArray(answer.detectedLanguage) ? answer.detectedLanguage : [answer.detectedLanguage];
      const found = translated?.map((text, i) => ({ text, detected: lower(detected[i]?.language) }));
      return counted('libretranslate', found, texts.length);
    },
  };
}
