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
