import type { Locator, Page } from 'playwright-core';
import { guest } from './strings.js';

const ticks = new RegExp(`^(${['sent', 'delivered', 'read'].map((state) => guest(`chat.ticks.${state}`)).join('|')})$`);

/**
 * A message the guest wrote, once the server has it: the bubble with its ticks (sent, delivered or
 * read), not the "Sending…" or "Waiting for connection" one it was before.
 */
export function sentByGuest(phone: Page, text: string): Locator {
  return phone
    .getByRole('listitem')
    .filter({ hasText: text })
    .filter({ has: phone.getByRole('img', { name: ticks }) });
}

type Watched = { __shownTwice?: string[] };

/**
 * Records, from now until the page reloads, every message text that is ever on screen twice at the
 * same moment (elements matching `selector`; `prefix`, such as the hidden "You: ", is ignored) —
 * a flicker a final count cannot see. Read the record with `shownTwice`.
 */
export async function watchForDoubles(page: Page, selector: string, prefix = ''): Promise<void> {
  await page.evaluate(
    ([sel, pre]) => {
      const watched = window as unknown as Watched;
      const seen: string[] = [];
      watched.__shownTwice = seen;
      const check = () => {
        const texts = [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? '').replace(pre, '').trim());
        for (const [i, text] of texts.entries()) {
          if (text && texts.indexOf(text) !== i && !seen.includes(text)) seen.push(text);
        }
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [selector, prefix] as const,
  );
}

/** The texts `watchForDoubles` saw on screen twice at once. */
export const shownTwice = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as Watched).__shownTwice ?? []);
