import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { PHONE, useBrowsers } from '../support/browser.js';
import { nav, signIn } from '../support/staff.js';
import { field, staff as s } from '../support/strings.js';

/** The demo service company (Nord Heat): its admin and its technician. */
const ADMIN = 'admin@nordheat.example';
const TECH = 'tech@nordheat.example';

const searchBox = (page: Page) => page.getByRole('searchbox', { name: s('customers.search') });
const hint = (page: Page, name: string, why: string) =>
  page.getByRole('link', { name: s('customers.sameAs', { name, why: s(why) }) });

/**
 * Issue 14: a service company's customers on a technician's phone — found by phone number, added
 * with a hint that someone has that number already, changed by whoever added them — and the
 * admin's extra customer fields showing up in the form.
 */
describe('customers of a service company', () => {
  const browsers = useBrowsers();

  it('lets a technician on a phone find a customer by phone, add one with a duplicate hint and edit their own', async () => {
    const phone = await browsers.open('technician phone', PHONE);
    await signIn(phone, TECH);
    // field staff have no inbox: they land on their customers, "only mine" on
    await phone.waitForURL((url) => url.pathname === '/app/customers');
    await phone.getByRole('heading', { name: s('customers.title') }).waitFor();
    expect(await phone.getByRole('switch', { name: s('customers.onlyMine') }).isChecked()).toBe(true);
    await expect
      .poll(() =>
        nav(phone)
          .getByRole('link', { name: s('nav.stays') })
          .count(),
      )
      .toBe(0);
    // the account menu stays on the screen of a phone
    const menu = await phone
      .getByRole('button', { name: s('userMenu.label', { name: 'Michał Wójcik' }) })
      .boundingBox();
    expect(menu && menu.x + menu.width).toBeLessThanOrEqual(PHONE.viewport?.width ?? 0);
    await phone.getByRole('link').filter({ hasText: 'Ewa Lis' }).waitFor();
    expect(await axeProblems(phone, 'customers list on a phone')).toEqual([]);

    // typed as the customer said it, without the country code: found by its digits
    await searchBox(phone).fill('601 234');
    await phone.getByRole('link').filter({ hasText: 'Jan Kowalski' }).waitFor();
    await expect.poll(() => phone.getByRole('link').filter({ hasText: 'Ewa Lis' }).count()).toBe(0);
    await phone.getByRole('link').filter({ hasText: 'Jan Kowalski' }).click();
    await phone.getByRole('heading', { name: 'Jan Kowalski' }).waitFor();
    await phone.getByText('Vaillant ecoTEC plus').waitFor();
    // their jobs (those the technician sees), not the desk's requests and chats
    await phone.getByRole('heading', { name: s('customers.history.work') }).waitFor();
    expect(await phone.getByRole('heading', { name: s('customers.history.requests') }).count()).toBe(0);
    expect(await axeProblems(phone, 'customer details on a phone')).toEqual([]);

    // a new customer with Ewa Lis's number: the form says so while typing
    await phone.getByRole('link', { name: s('customers.back') }).click();
    await phone.getByRole('link', { name: s('customers.add') }).click();
    await phone.getByRole('heading', { name: s('customers.newTitle') }).waitFor();
    const name = `Zofia Lis ${Math.random().toString(36).slice(2, 6)}`;
    await phone.getByRole('textbox', { name: field(s('customers.name')) }).fill(name);
    await phone.getByRole('textbox', { name: s('customers.phone') }).pressSequentially('602 111 222');
    await hint(phone, 'Ewa Lis', 'customers.samePhone').waitFor();
    await phone.getByRole('textbox', { name: s('customers.street') }).fill('ul. Polna 12');
    await phone.getByRole('textbox', { name: s('customers.city') }).fill('Gdynia');
    await phone.getByRole('combobox', { name: 'Fuel' }).click();
    await phone.getByRole('option', { name: 'heat pump' }).click();
    expect(await axeProblems(phone, 'new customer form with a duplicate hint on a phone')).toEqual([]);
    await phone.getByRole('button', { name: s('customers.create') }).click();

    // saved: the customer's page, with the hint from the answer and the technician as its author
    await phone.getByRole('heading', { name }).waitFor();
    await hint(phone, 'Ewa Lis', 'customers.samePhone').waitFor();
    await phone.getByText('heat pump').waitFor();
    await phone.getByText('ul. Polna 12, Gdynia').waitFor();

    // theirs to change
    await phone.getByRole('button', { name: s('customers.editTitle', { name }) }).click();
    const company = phone.getByRole('textbox', { name: s('customers.company') });
    await company.fill('Lis Ogrody');
    await phone.getByRole('button', { name: s('customers.addEmail') }).waitFor();
    expect(await axeProblems(phone, 'edit customer form on a phone')).toEqual([]);
    await phone.getByRole('button', { name: s('customers.save') }).click();
    await phone.getByText(s('customers.saved')).waitFor();
    await phone.getByRole('heading', { name }).waitFor();
    await phone.getByText('Lis Ogrody').waitFor();

    // someone else's customer: readable, not theirs to change
    await phone.getByRole('link', { name: s('customers.back') }).click();
    await phone.getByRole('switch', { name: s('customers.onlyMine') }).click();
    await searchBox(phone).fill('Nowicki');
    await phone.getByRole('link').filter({ hasText: 'Adam Nowicki' }).click();
    await phone.getByRole('heading', { name: 'Adam Nowicki' }).waitFor();
    await phone.getByText(s('customers.onlyCreator')).waitFor();
    expect(await phone.getByRole('button', { name: s('customers.editTitle', { name: 'Adam Nowicki' }) }).count()).toBe(
      0,
    );
  });

  it('lets the admin add a customer field that the customer form then shows', async () => {
    const desk = await browsers.open('admin');
    await signIn(desk, ADMIN);
    // a service company has customers, not rooms or check-in
    await nav(desk)
      .getByRole('link', { name: s('customers.nav') })
      .waitFor();
    expect(
      await nav(desk)
        .getByRole('link', { name: s('nav.stays') })
        .count(),
    ).toBe(0);
    await nav(desk)
      .getByRole('link', { name: s('nav.admin') })
      .click();
    await desk.getByRole('tab', { name: s('admin.sections.fields') }).click();
    expect(await desk.getByRole('tab', { name: s('admin.sections.rooms') }).count()).toBe(0);
    await desk.getByRole('textbox', { name: field(s('admin.fields.label', { n: 3 })) }).waitFor();
    expect(await axeProblems(desk, 'admin customer fields')).toEqual([]);

    await desk.getByRole('button', { name: s('admin.fields.add') }).click();
    await desk.getByRole('textbox', { name: field(s('admin.fields.label', { n: 4 })) }).fill('Chimney checked');
    await desk.getByRole('combobox', { name: s('admin.fields.type', { n: 4 }), exact: true }).click();
    await desk.getByRole('option', { name: s('admin.fields.types.yes_no') }).click();
    // moved up one: third in the form
    await desk.getByRole('button', { name: s('admin.fields.up', { label: 'Chimney checked' }) }).click();
    expect(await desk.getByRole('textbox', { name: field(s('admin.fields.label', { n: 3 })) }).inputValue()).toBe(
      'Chimney checked',
    );
    await desk.getByRole('button', { name: s('admin.fields.save') }).click();
    await desk.getByText(s('admin.fields.saved')).waitFor();

    await nav(desk)
      .getByRole('link', { name: s('customers.nav') })
      .click();
    await desk.getByRole('link', { name: s('customers.add') }).click();
    await desk.getByRole('switch', { name: 'Chimney checked' }).waitFor();
    const labels = await desk
      .locator('fieldset')
      .filter({ hasText: s('customers.extra') })
      .locator('label')
      .allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(['Boiler model', 'Fuel', 'Chimney checked', 'Service contract until']);
  });
});
