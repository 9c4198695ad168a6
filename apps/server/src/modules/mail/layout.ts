import escapeHtml from 'escape-html';
import type { Language } from '../../platform/i18n.js';
import { type MailContent, mailStrings, type TemplateParams } from './strings.js';

/** Who an e-mail comes from, as its header shows it. */
export interface MailBrand {
  name: string;
  /** An absolute http(s) address of the organization's logo, or none. */
  logoUrl: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Only http(s) addresses become links or images: anything else an admin typed is left out. */
const safeUrl = (url: string | null | undefined): string | null =>
  url && /^https?:\/\//i.test(url) && URL.canParse(url) ? url : null;

/**
 * One e-mail in both forms. Every value that comes from people (names, messages, settings) is
 * escaped in the HTML part; links are only http(s).
 */
export function renderMail<T extends keyof TemplateParams>(
  template: T,
  params: TemplateParams[T],
  language: Language,
  brand: MailBrand,
  unsubscribeUrl: string | null,
): RenderedMail {
  const strings = mailStrings[language];
  const content: MailContent = strings.templates[template](params, brand.name);
  const footer = strings.footer(brand.name);
  return {
    subject: content.subject.replace(/[\r\n]+/g, ' '),
    text: plainText(content, footer, unsubscribeUrl, strings.unsubscribe),
    html: html(content, brand, footer, unsubscribeUrl, strings.unsubscribe),
  };
}

function plainText(content: MailContent, footer: string, unsubscribeUrl: string | null, unsubscribe: string): string {
  const parts = [...content.lines];
  if (content.quotes?.length) parts.push(content.quotes.map((q) => `> ${q.replace(/\n/g, '\n> ')}`).join('\n\n'));
  const action = safeUrl(content.action?.url);
  if (content.action && action) parts.push(`${content.action.label}: ${action}`);
  parts.push(`-- \n${footer}`);
  if (unsubscribeUrl) parts.push(`${unsubscribe}: ${unsubscribeUrl}`);
  return `${parts.join('\n\n')}\n`;
}

function html(
  content: MailContent,
  brand: MailBrand,
  footer: string,
  unsubscribeUrl: string | null,
  unsubscribe: string,
): string {
  const e = escapeHtml;
  const logo = safeUrl(brand.logoUrl);
  const action = safeUrl(content.action?.url);
  const paragraph = (text: string) => `<p style="margin:0 0 16px">${e(text).replace(/\n/g, '<br>')}</p>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<div style="margin-bottom:24px">${logo ? `<img src="${e(logo)}" alt="" height="40" style="height:40px;vertical-align:middle;margin-right:12px">` : ''}<strong style="font-size:18px;vertical-align:middle">${e(brand.name)}</strong></div>
${content.lines.map(paragraph).join('\n')}
${(content.quotes ?? []).map((q) => `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #d0d7de;color:#424a53">${e(q).replace(/\n/g, '<br>')}</blockquote>`).join('\n')}
${content.action && action ? `<p style="margin:24px 0"><a href="${e(action)}" style="background:#1c7ed6;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block">${e(content.action.label)}</a></p>` : ''}
<p style="margin:24px 0 0;font-size:13px;color:#57606a">${e(footer)}${unsubscribeUrl ? ` <a href="${e(unsubscribeUrl)}" style="color:#57606a">${e(unsubscribe)}</a>` : ''}</p>
</div></body></html>
`;
}
