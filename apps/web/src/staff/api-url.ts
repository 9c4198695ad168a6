/** A path segment, escaped. */
export const id = encodeURIComponent;

/** `?a=1&b=x` from the defined, non-empty parameters; empty when there are none. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, `${value}`);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Links the server builds from PUBLIC_URL (QR images, PDFs) used as same-origin paths, so they
 * load with the session cookie even when the app is reached at another address than PUBLIC_URL.
 */
export function sameOriginPath(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
