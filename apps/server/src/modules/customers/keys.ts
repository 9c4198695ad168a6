/**
 * What de-duplication compares: a phone as its last 9 digits (so "+48 601 234 567" and
 * "601-234-567" meet), an e-mail lower-cased.
 */
export const phoneKey = (phone: string): string => phone.replace(/\D/g, '').slice(-9);
export const emailKey = (email: string): string => email.trim().toLowerCase();

export const phoneKeys = (phones: readonly string[]): string[] => [...new Set(phones.map(phoneKey))];
export const emailKeys = (emails: readonly string[]): string[] => [...new Set(emails.map(emailKey))];
