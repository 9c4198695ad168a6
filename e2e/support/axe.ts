import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS_DIR, slug } from './shots.js';
import { staff } from './strings.js';

type Results = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = Results['violations'][number];

const BLOCKING = new Set(['serious', 'critical']);

function summarize(v: Violation): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
    .join('\n');
  const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
}

/**
 * Runs axe on the page as it is now (all of axe's rules: WCAG 2.x A and AA and best practices).
 * Prints every violation, and returns the serious and critical ones — the ones a spec fails on;
 * when there are such, axe's full report is saved beside the failure screenshots.
 */
export async function axeProblems(page: Page, what: string): Promise<string[]> {
  // The staff header's presence switch is disabled (greyed) while the desk's socket (re)connects:
  // scan the settled page. If it never settles, the scan goes on and reports what it sees.
  await page
    .waitForFunction(
      () => {
        const switchInput = document.querySelector('input[type="radio"][value="online"]');
        return !switchInput?.hasAttribute('disabled');
      },
      null,
      { timeout: 15_000 },
    )
    .catch(() => {});
  // ...and with no transition half-way: a dialog fading out shows its text in nearly its
  // background's colour, which axe reads as unreadable (endless animations, spinners, are left be)
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      null,
      { timeout: 5_000 },
    )
    .catch(() => {});
  const results = await new AxeBuilder({ page }).analyze();
  const all = results.violations;
  if (all.length) console.log(`[axe] ${what} (${page.url()}):\n${all.map(summarize).join('\n')}`);
  else console.log(`[axe] ${what}: no violations`);
  const blocking = all.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length) {
    const file = join(SHOTS_DIR, `axe--${slug(what)}.json`);
    writeFileSync(file, JSON.stringify(all, null, 2));
    console.log(`[axe] the full report: ${file}`);
  }
  return blocking.map(summarize);
}

/**
 * Fails unless axe finds no serious or critical problem on the page once the staff app has loaded
 * (no "Loading…" left) and settled.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const loading = page.getByRole('status').filter({ hasText: staff('common:loading') });
  await expect.poll(() => loading.count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(400);
  const problems = await axeProblems(page, what);
  expect(problems, `serious or critical accessibility problems on ${what}:\n${problems.join('\n')}`).toEqual([]);
}
