/**
 * Naming a clock. Every page shows times on one clock (staff: the organization's, guests: the
 * hotel's) and says which, so nobody has to guess whether "14:00" is their phone's time or the hotel's.
 */

/** The zone's short name at an instant, as the language writes it: "CET", "MEZ", "GMT+1", "UTC". */
export function zoneAbbreviation(timeZone: string, language: string, at: number | Date = Date.now()): string {
  const parts = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Europe/Warsaw (CET)"; a zone whose name is its abbreviation ("UTC") is named once. */
export function zoneLabel(timeZone: string, language: string, at: number | Date = Date.now()): string {
  const abbreviation = zoneAbbreviation(timeZone, language, at);
  return abbreviation === timeZone ? timeZone : `${timeZone.replaceAll('_', ' ')} (${abbreviation})`;
}
