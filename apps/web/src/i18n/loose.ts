/**
 * A `t` for keys made at run time (error codes, validation reasons, audit actions and fields),
 * which the typed keys cannot know in advance. It answers the key itself when there is no text,
 * and the callers test for that. Everywhere else use the typed `t` of `useTranslation`.
 */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The same `t`, opened to run-time keys. */
export function loose(t: unknown): LooseT {
  return t as LooseT;
}
