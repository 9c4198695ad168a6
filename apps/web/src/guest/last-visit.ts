const KEY = 'frontdesk:last-guest-slug';

/** Remembers the hotel a guest last opened, so the installed app (which starts at `/`) returns there. */
export function rememberGuestSlug(slug: string): void {
  try {
    localStorage.setItem(KEY, slug);
  } catch {
    // private mode: nothing to remember with
  }
}

export function lastGuestSlug(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
