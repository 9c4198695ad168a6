import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './api.js';
import { field, staff } from './strings.js';

/** Signs in through the login page, as a person would, and waits until the app has left it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/app/login');
  await page.getByRole('textbox', { name: staff('login.email') }).fill(email);
  // the password field itself, not the show/hide toggle beside it
  await page.getByLabel(field(staff('login.password'))).fill(password);
  await page.getByRole('button', { name: staff('login.submit'), exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/login'));
}

/** The main navigation of the staff app. */
export const nav = (page: Page) => page.getByRole('navigation', { name: staff('nav.label') });

/** Opens `path` of the staff app in `language` (the app's own choice, kept in local storage), once it shows in it. */
export async function openInLanguage(page: Page, path: string, language: string): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('frontdesk.staff.language', l), language);
  await page.goto(path);
  await page
    .locator('html')
    .and(page.locator(`[lang="${language}"]`))
    .waitFor();
}
