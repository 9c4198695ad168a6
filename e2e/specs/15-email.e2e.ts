import { describe, expect, it } from 'vitest';
import { accounts, StaffApi } from '../support/api.js';
import { axeProblems } from '../support/axe.js';
import { useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { staff as s } from '../support/strings.js';

/**
 * Issue 14, item 9: without a mail server (the demo), e-mails are kept and an admin reads them on
 * the E-mails page — a new colleague's welcome among them, its one-time link hidden.
 */
describe('the e-mail log', () => {
  const browsers = useBrowsers();

  it('shows an admin the kept welcome e-mail of a new colleague, and opens it', async () => {
    const admin = await StaffApi.signIn(accounts.admin);
    const email = `new-${Math.random().toString(36).slice(2, 8)}@aurora.example`;
    await admin.request('POST', '/api/v1/staff', { email, name: 'Nora Newcomer', role: 'agent' });
    const subject = 'Welcome to Hotel Aurora on Frontdesk';

    const page = await browsers.open('admin');
    await signIn(page, accounts.admin);
    await nav(page)
      .getByRole('link', { name: s('emails.nav') })
      .click();
    await page.getByRole('heading', { name: s('emails.title'), level: 1 }).waitFor();
    await page.getByText(s('emails.kept')).waitFor();
    // the consumer queues it just after the change: the list shows it once it is there
    const row = page.getByRole('row').filter({ hasText: email });
    await expect
      .poll(async () => {
        if (await row.count()) return true;
        await page.reload();
        return false;
      })
      .toBe(true);
    await row.getByText(s('emails.statuses.kept')).waitFor();
    expect(await axeProblems(page, 'e-mail log')).toEqual([]);

    await row.getByRole('button', { name: s('emails.open', { subject }) }).click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.getByText(/Hello Nora Newcomer/).waitFor();
    await dialog.getByText(/set-password\?token=\(hidden/).waitFor();
    expect(await axeProblems(page, 'an opened e-mail')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
