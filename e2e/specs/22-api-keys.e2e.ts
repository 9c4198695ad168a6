import { describe, expect, inject, it } from 'vitest';
import { accounts } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { staff as s } from '../support/strings.js';

/** What another system gets when it lists the queue with `key`. */
async function statusWith(key: string): Promise<number> {
  const res = await fetch(`${inject('baseUrl')}/api/v1/conversations?status=queued`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return res.status;
}

/**
 * Issue 17, item 1 in the browser: an admin creates an API key with scopes on the API keys page,
 * copies it from the one time it is shown, sees its last use, and revokes it.
 */
describe('API keys', () => {
  const browsers = useBrowsers();

  it('creates a key shown once, lists its last use, and revokes it', async () => {
    const name = `PMS ${Math.random().toString(36).slice(2, 6)}`;
    const page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('apiKeys.nav') })
      .click();
    await page.getByRole('heading', { name: s('apiKeys.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: s('apiKeys.add') }).click();
    await page.getByRole('textbox', { name: s('apiKeys.name') }).fill(name);
    await page.getByRole('checkbox', { name: s('apiKeys.scope.conversations_read') }).check();
    await page.getByRole('checkbox', { name: s('apiKeys.scope.messages_send') }).check();
    await page.getByRole('button', { name: s('apiKeys.create'), exact: true }).click();

    const shown = page.getByRole('textbox', { name: s('apiKeys.key') });
    const key = await shown.inputValue();
    expect(key).toMatch(/^fdk_[0-9a-f]{12}_/);
    await page.getByRole('button', { name: s('shared.copy') }).waitFor();
    expect(await axeProblems(page, 'the new key')).toEqual([]);
    await page.getByRole('button', { name: s('shared.done') }).click();

    // the key works; the list then shows its use (a reload is not needed for the admin's own change)
    expect(await statusWith(key)).toBe(200);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText(s('apiKeys.active')).waitFor();
    // the secret (base64url, so it may itself hold '_') follows `fdk_<12 hex>_`
    expect(await row.textContent()).not.toContain(key.slice('fdk_'.length + 12 + 1));
    expect(await axeProblems(page, 'API keys page')).toEqual([]);

    await row.getByRole('button', { name: s('apiKeys.revoke', { name }) }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: s('apiKeys.revokeShort') })
      .click();
    await row.getByText(s('apiKeys.revokedAt', { when: '' }).trim(), { exact: false }).waitFor();
    expect(await statusWith(key)).toBe(401);
  });
});
