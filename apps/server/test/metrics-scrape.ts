import { expect } from 'vitest';

/** One scrape of /metrics: each sample's value by its name and labels as written. */
export async function scrape(url: string): Promise<{ text: string; value(series: string): number | undefined }> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { text, value: (series) => samples.get(series) };
}
