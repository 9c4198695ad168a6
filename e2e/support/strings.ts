/**
 * The web app's own English texts, read from its sources, so the specs find buttons and fields by
 * the names a person sees (roles and labels) without copying the copy: a reworded button does not
 * break a spec, a missing text does (it throws, naming the key).
 */

type Tree = { [key: string]: string | Tree };

// Loaded by path at run time (Vitest transforms the TypeScript): the web app's sources are
// type-checked by its own tsconfig, not by this package's.
async function loadIn(language: string, path: string, name: string): Promise<Tree> {
  const url = new URL(`../../apps/web/src/${path}`, import.meta.url).href;
  const module = (await import(/* @vite-ignore */ url)) as Record<string, Record<string, Tree> | undefined>;
  const texts = module[name]?.[language];
  if (!texts) throw new Error(`apps/web/src/${path} has no ${language} ${name}`);
  return texts;
}
const load = (path: string, name: string) => loadIn('en', path, name);

const namespaces: Record<string, Tree> = {
  staff: await load('staff/strings.ts', 'staffStrings'),
  guest: {
    ...(await load('guest/strings.ts', 'guestStrings')),
    ...(await load('guest/label-strings.ts', 'guestLabelStrings')),
    ...(await load('guest/email-code-strings.ts', 'emailCodeStrings')),
    ...(await load('guest/requests/strings.ts', 'customerRequestsStrings')),
    ...(await load('guest/quick/strings.ts', 'quickStrings')),
    ...(await load('guest/notify/strings.ts', 'notifyStrings')),
    ...(await load('guest/summary/strings.ts', 'summaryStrings')),
  },
  requestForm: await load('forms/strings.ts', 'requestFormStrings'),
  common: await load('i18n/locales/common.ts', 'common'),
};

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The staff app's Polish and German texts, for specs that check a page in those languages. */
const staffTranslations: Record<string, Tree> = {
  pl: await loadIn('pl', 'staff/strings.ts', 'staffStrings'),
  de: await loadIn('de', 'staff/strings.ts', 'staffStrings'),
};

/** i18next's way, as far as the app uses it: `ns:key.path`, `{{name}}` and `_one`/`_other` plurals. */
function translate(
  defaultNs: string,
  key: string,
  vars: Record<string, string | number> = {},
  language = 'en',
  trees: Record<string, Tree | undefined> = namespaces,
): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : [defaultNs, key];
  const tree = trees[ns];
  if (!tree) throw new Error(`no namespace ${ns} in ${language}`);
  const plural = new Intl.PluralRules(language);
  const text =
    (typeof vars.count === 'number' ? lookup(tree, `${path}_${plural.select(vars.count)}`) : undefined) ??
    lookup(tree, path);
  if (text === undefined) throw new Error(`the web app has no ${language} text "${ns}:${path}"`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
}

/** A text of the staff app, e.g. `staff('stays.checkOutNow')`. */
export const staff = (key: string, vars?: Record<string, string | number>) => translate('staff', key, vars);
/** A text of the staff app in Polish or German, e.g. `staffIn('pl', 'inbox.priorities.urgent')`. */
export const staffIn = (language: 'pl' | 'de', key: string, vars?: Record<string, string | number>) =>
  translate('staff', key, vars, language, { staff: staffTranslations[language] });
/** A text of the guest page, e.g. `guest('chat.send')`. */
export const guest = (key: string, vars?: Record<string, string | number>) => translate('guest', key, vars);
/** A request form's own texts, as customers fill it and admins preview it (forms/strings.ts). */
export const requestForm = (key: string, vars?: Record<string, string | number>) => translate('requestForm', key, vars);
/** Texts shared by the guest chat and the desk (i18n/locales/common.ts). */
export const common = (key: string, vars?: Record<string, string | number>) => translate('common', key, vars);

/** A form field's label as shown, with or without the "required" asterisk after it. */
export function field(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`);
}
