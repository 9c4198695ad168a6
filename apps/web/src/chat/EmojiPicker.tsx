import { EmojiPicker as Picker } from 'frimousse';
import { useTranslation } from 'react-i18next';
import './emoji-picker.css';

type Locale = 'en' | 'pl' | 'de';
interface EmojibaseEmoji {
  unicode: string;
  label: string;
  group?: number;
  order?: number;
  tags?: string[];
  skins?: { unicode: string; tone?: number | number[] }[];
}
interface EmojibaseMessages {
  groups: { key: string; message: string; order: number }[];
  skinTones: { key: string; message: string }[];
}

// the data is part of this lazy chunk's imports (never fetched from a CDN: the CSP and offline use)
const emojiData: Record<Locale, () => Promise<{ default: EmojibaseEmoji[] }>> = {
  en: () => import('emojibase-data/en/compact.json'),
  pl: () => import('emojibase-data/pl/compact.json'),
  de: () => import('emojibase-data/de/compact.json'),
};
const messagesData: Record<Locale, () => Promise<{ default: EmojibaseMessages }>> = {
  en: () => import('emojibase-data/en/messages.json'),
  pl: () => import('emojibase-data/pl/messages.json'),
  de: () => import('emojibase-data/de/messages.json'),
};
const tones = ['light', 'medium-light', 'medium', 'medium-dark', 'dark'] as const;
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Emojibase's compact data in the shape frimousse renders (its own resolver would fetch from a CDN). */
async function resolveEmojiData(locale: string) {
  const lang = (locale in emojiData ? locale : 'en') as Locale;
  const [{ default: emojis }, { default: messages }] = await Promise.all([emojiData[lang](), messagesData[lang]()]);
  const groups = messages.groups.filter((g) => g.key !== 'component');
  const skinTones = Object.fromEntries(
    tones.map((tone) => [tone, capitalized(messages.skinTones.find((s) => s.key === tone)?.message ?? tone)]),
  ) as Record<(typeof tones)[number], string>;
  return {
    locale: lang,
    categories: groups.map((g) => ({ index: g.order, label: capitalized(g.message) })),
    skinTones,
    emojis: emojis
      .filter((e) => e.group !== undefined && e.group !== 2)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((e) => {
        const skins = e.skins?.filter((s) => typeof s.tone === 'number');
        return {
          emoji: e.unicode,
          category: e.group ?? 0,
          label: capitalized(e.label),
          version: 0,
          tags: e.tags ?? [],
          skins:
            skins?.length === 5
              ? (Object.fromEntries(skins.map((s, i) => [tones[i], s.unicode])) as Record<
                  (typeof tones)[number],
                  string
                >)
              : undefined,
        };
      }),
  };
}

/**
 * The emoji picker (frimousse over Emojibase data, in the reader's language): search, arrow keys and
 * Enter, Escape to close. Loaded only when someone opens it: never part of the guest's first bundle.
 */
export default function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation('common');
  return (
    <Picker.Root
      className="fd-emoji-picker"
      locale={i18n.language as 'en'}
      columns={8}
      resolveEmojiData={resolveEmojiData}
      onEmojiSelect={({ emoji }) => onPick(emoji)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <Picker.Search
        className="fd-emoji-search"
        aria-label={t('emoji.search')}
        placeholder={t('emoji.search')}
        autoFocus
      />
      <Picker.Viewport className="fd-emoji-viewport">
        <Picker.Loading className="fd-emoji-note">{t('emoji.loading')}</Picker.Loading>
        <Picker.Empty className="fd-emoji-note">{t('emoji.none')}</Picker.Empty>
        <Picker.List
          className="fd-emoji-list"
          components={{
            CategoryHeader: ({ category, ...props }) => (
              <div className="fd-emoji-category" {...props}>
                {category.label}
              </div>
            ),
            // frimousse 0.4 numbers rows and cells from 0; ARIA (and axe) want 1 and up. A cell's
            // number is only read by assistive technology: count it from 1. A row's number is how
            // frimousse finds the row to scroll to with the arrow keys, so it stays, except the
            // first row's 0, which is left out (frimousse scrolls to the top for that row itself).
            Row: ({ children, 'aria-rowindex': row, ...props }) => (
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role (row) comes with frimousse's props
              <div {...props} aria-rowindex={row ? row : undefined}>
                {children}
              </div>
            ),
            Emoji: ({ emoji, 'aria-colindex': column, ...props }) => (
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role (gridcell) comes with frimousse's props
              <button className="fd-emoji" {...props} aria-colindex={typeof column === 'number' ? column + 1 : column}>
                {emoji.emoji}
              </button>
            ),
          }}
        />
      </Picker.Viewport>
    </Picker.Root>
  );
}
