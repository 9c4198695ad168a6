import type { Translations } from '../../platform/i18n.js';

/** How a guest's tap reads in the chat ("Extra towels — how many: 2, at 14:30") and on the task. */
export const quickActionStrings: Translations<{
  count: (n: number) => string;
  time: (t: string) => string;
  room: (n: string) => string;
}> = {
  en: { count: (n) => `how many: ${n}`, time: (t) => `at ${t}`, room: (n) => `room ${n}` },
  pl: { count: (n) => `ile: ${n}`, time: (t) => `o ${t}`, room: (n) => `pokój ${n}` },
  de: { count: (n) => `wie viele: ${n}`, time: (t) => `um ${t}`, room: (n) => `Zimmer ${n}` },
};
