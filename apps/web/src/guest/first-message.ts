const key = (slug: string) => `frontdesk:first-message:${slug}`;

/**
 * The visitor form's topic, kept until the chat has connected and can send it as the first
 * message (sessionStorage: it survives the navigation and a reload, and dies with the tab).
 */
export function stashFirstMessage(slug: string, text: string): void {
  try {
    sessionStorage.setItem(key(slug), text);
  } catch {
    // storage unavailable: the visitor types it again
  }
}

/** The stashed first message, once: reading it removes it. */
export function takeFirstMessage(slug: string): string | null {
  try {
    const text = sessionStorage.getItem(key(slug));
    sessionStorage.removeItem(key(slug));
    return text;
  } catch {
    return null;
  }
}
