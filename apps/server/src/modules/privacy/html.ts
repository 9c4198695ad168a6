import type { PrivacyExport } from '@frontdesk/protocol';
import escapeHtml from 'escape-html';

const e = escapeHtml;

const row = (label: string, value: string | null | undefined) =>
  value ? `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>` : '';

/**
 * The export as one page a person can read and keep: their details, each conversation as it was
 * written, and their files inside the page (images shown, other files as downloads). Nothing is
 * loaded from elsewhere: the page works offline, and a message's text can never become markup.
 */
export function exportHtml(data: PrivacyExport, pathOf?: (fileId: string) => string | null): string {
  const files = new Map(data.files.map((f) => [f.id, f]));
  const fileLink = (id: string) => {
    const file = files.get(id);
    // in the zip (archive.ts) the page links to the files beside it instead of carrying them
    const path = pathOf ? pathOf(id) : null;
    if (!file || (pathOf ? !path : !file.base64)) return file ? `<p>${e(file.name)} (no longer stored)</p>` : '';
    const src = path ? e(encodeURI(path)) : `data:${e(file.mime)};base64,${file.base64}`;
    return file.mime.startsWith('image/')
      ? `<figure><img src="${src}" alt="${e(file.name)}"><figcaption>${e(file.name)}</figcaption></figure>`
      : `<p><a download="${e(file.name)}" href="${src}">${e(file.name)}</a></p>`;
  };
  const details = data.stay
    ? `<h2>Stay</h2><table>${row('Room', data.stay.room)}${row('Check-in (UTC)', data.stay.checkInAt)}${row('Check-out (UTC)', data.stay.checkOutAt)}${row('Reservation', data.stay.externalId)}</table>` +
      data.stay.guests
        .map(
          (g) =>
            `<h3>Guest</h3><table>${row('Name', g.name)}${row('E-mail', g.email)}${row('Phone', g.phone)}${row('Language', g.language)}</table>`,
        )
        .join('')
    : data.customer
      ? `<h2>Customer</h2><table>${row('Name', data.customer.name)}${row('Company', data.customer.companyName)}${row('Phones', data.customer.phones.join(', '))}${row('E-mails', data.customer.emails.join(', '))}${row('Since (UTC)', data.customer.createdAt)}</table>`
      : data.visitor
        ? `<h2>Visitor</h2><table>${row('Name', data.visitor.name)}${row('E-mail', data.visitor.email)}${row('Topic', data.visitor.topic)}${row('Since (UTC)', data.visitor.createdAt)}</table>`
        : '';
  const threads = data.conversations
    .map(
      (c) =>
        `<section><h3>Conversation of ${e(c.openedAt)} (UTC) — ${e(c.status)}</h3>` +
        (c.rating ? `<p>Rating: ${c.rating} of 5${c.ratingComment ? ` — ${e(c.ratingComment)}` : ''}</p>` : '') +
        c.messages
          .map(
            (m) =>
              `<div class="m"><b>${e(m.name ?? m.from)}</b> <small>${e(m.at)}</small><p>${e(m.text)}</p>${m.fileIds.map(fileLink).join('')}</div>`,
          )
          .join('') +
        '</section>',
    )
    .join('');
  const work = data.requests.length
    ? `<h2>Requests</h2><ul>${data.requests.map((w) => `<li>${e(w.title)} — ${e(w.status)} (${e(w.createdAt)})</li>`).join('')}</ul>`
    : '';
  const forms = data.leads.length
    ? `<h2>Forms you filled</h2>${data.leads.map((l) => `<pre>${e(JSON.stringify(l.answers, null, 2))}</pre>`).join('')}`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your data at ${e(data.organization.name)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem}.m{border-top:1px solid #ccc;padding:.5rem 0}img{max-width:100%}</style></head>
<body><h1>Your data at ${e(data.organization.name)}</h1><p>Exported ${e(data.exportedAt)} (UTC).</p>${details}<h2>Conversations</h2>${threads || '<p>None.</p>'}${work}${forms}</body></html>`;
}
