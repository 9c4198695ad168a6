import { describe, expect, it } from 'vitest';
import { useBrowsers } from '../support/browser.js';

/**
 * Issue 9: the API docs work under the Content-Security-Policy (useBrowsers fails the test on any
 * violation): Swagger UI draws every operation, and "Try it out" calls the API from the page.
 */
describe('the API docs at /docs', () => {
  const browsers = useBrowsers();

  it('list the operations and try one out', async () => {
    const page = await browsers.open('API docs');
    await page.goto('/docs');
    const me = page.locator('.opblock-get', { hasText: '/api/v1/auth/me' }).first();
    await me.locator('.opblock-summary').click();
    await me.getByRole('button', { name: 'Try it out' }).click();
    await me.getByRole('button', { name: 'Execute' }).click();
    // no one is signed in on this page: the API's own answer, shown by the docs
    const status = me.locator('.live-responses-table tr.response .response-col_status').first();
    await expect.poll(() => status.textContent()).toContain('401');
  });
});
