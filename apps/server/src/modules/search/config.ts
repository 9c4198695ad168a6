import { type SQL, sql } from 'drizzle-orm';

/**
 * The PostgreSQL text search configuration for each language the product speaks; a language
 * without a stemmer of its own (Polish) is indexed word for word (`simple`). PGlite ships the same
 * configurations as PostgreSQL (english, german, simple … are built in), so both databases agree.
 */
export const searchConfigByLanguage: Record<string, string> = { en: 'english', de: 'german', pl: 'simple' };
export const searchConfigs = [...new Set([...Object.values(searchConfigByLanguage), 'simple'])];

/** The configuration for a language column (the guest's, else the organization's) as SQL. */
export function configFor(language: SQL): SQL<string> {
  const cases = Object.entries(searchConfigByLanguage).map(([lang, cfg]) => sql`when ${lang} then ${cfg}`);
  return sql<string>`(case ${language} ${sql.join(cases, sql` `)} else 'simple' end)`;
}

/**
 * What someone typed as one query over every configuration: a message indexed in German matches
 * the German stems, one in English the English ones. A constant, so the GIN index answers it.
 * websearch syntax: words, "a phrase", -not, or.
 */
export function queryOf(q: string): SQL {
  return sql.join(
    searchConfigs.map((cfg) => sql`websearch_to_tsquery(${sql.raw(`'${cfg}'`)}::regconfig, ${q})`),
    sql` || `,
  );
}
