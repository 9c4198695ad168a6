import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestServer, type TestServer, usingPostgres } from './harness.js';

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ against the server they watch:
 * every series they query is one a node exports (from a real scrape of /metrics), and every alert
 * has its entry in the README's runbook.
 */
const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');

/** Exported only on PostgreSQL (the pool) or with Redis: a PGlite or Redis-less scrape cannot show them. */
const POSTGRES_ONLY = [
  'frontdesk_db_pool_connections',
  'frontdesk_db_pool_idle_connections',
  'frontdesk_db_pool_waiting_requests',
];
const REDIS_ONLY = ['frontdesk_redis_connected'];

/** Series Prometheus itself makes for every scrape target. */
const PROMETHEUS_SERIES = new Set(['up']);

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; refId: string }[];
}

let server: TestServer;
/** Every sample name the node can export: each family, and a histogram's _bucket, _sum and _count. */
let exported: Set<string>;
beforeAll(async () => {
  server = await startTestServer();
  const text = await (await fetch(`${server.url}/metrics`)).text();
  exported = new Set();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!name) continue;
    exported.add(name);
    if (type === 'histogram') for (const part of ['_bucket', '_sum', '_count']) exported.add(name + part);
    if (type === 'summary') for (const part of ['_sum', '_count']) exported.add(name + part);
  }
  if (!usingPostgres) for (const name of POSTGRES_ONLY) exported.add(name);
  if (!process.env.REDIS_URL) for (const name of REDIS_ONLY) exported.add(name);
});
afterAll(() => server?.close());

/** The series an expression reads: `frontdesk_…` names, and Prometheus' own `up`. */
function seriesOf(expr: string): string[] {
  // label values and matchers ({event="message:send"}) are not series names
  const bare = expr.replace(/"[^"]*"/g, '""');
  const names = [...bare.matchAll(/\b(frontdesk_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
  if (/\bup\s*\{/.test(bare)) names.push('up');
  return names;
}

function unknownSeries(exprs: string[]): string[] {
  return exprs.flatMap((expr) => seriesOf(expr).filter((name) => !exported.has(name) && !PROMETHEUS_SERIES.has(name)));
}

describe('deploy/grafana/frontdesk-dashboard.json', () => {
  const dashboard = JSON.parse(file('deploy/grafana/frontdesk-dashboard.json')) as {
    uid: string;
    panels: Panel[];
    templating: { list: { name: string; type: string }[] };
  };
  const graphs = dashboard.panels.filter((p) => p.type !== 'row');
  const exprs = graphs.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('queries only series the server exports, each panel at least one', () => {
    expect(exprs.length).toBeGreaterThan(20);
    for (const panel of graphs) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(seriesOf(target.expr), panel.title).not.toEqual([]);
    }
    expect(unknownSeries(exprs)).toEqual([]);
  });

  it('shows what an operator watches, from a Prometheus chosen on import', () => {
    const reads = (name: string) => exprs.some((e) => seriesOf(e).includes(name));
    for (const name of [
      'frontdesk_messages_sent_total',
      'frontdesk_socket_event_duration_seconds_bucket',
      'frontdesk_sockets_connected',
      'frontdesk_consumer_lag_seconds',
      'frontdesk_consumer_parked_events',
      'frontdesk_job_failures_total',
      'frontdesk_db_pool_waiting_requests',
      'frontdesk_http_request_duration_seconds_count',
    ])
      expect(reads(name), name).toBe(true);
    expect(exprs.some((e) => e.includes('histogram_quantile(0.99') && e.includes('message:send'))).toBe(true);
    expect(exprs.some((e) => e.includes('histogram_quantile(0.5') && e.includes('message:send'))).toBe(true);
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own variable syntax, not a template
    for (const panel of graphs) expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('deploy/prometheus/alerts.yml', () => {
  const rules = (
    parse(file('deploy/prometheus/alerts.yml')) as {
      groups: {
        name: string;
        rules: {
          alert: string;
          expr: string;
          for?: string;
          labels: { severity: string };
          annotations: Record<string, string>;
        }[];
      }[];
    }
  ).groups.flatMap((g) => g.rules);
  const readme = file('README.md');

  it('alerts only on series the server exports (or Prometheus’ own up)', () => {
    for (const rule of rules) expect(seriesOf(rule.expr), rule.alert).not.toEqual([]);
    expect(unknownSeries(rules.map((r) => r.expr))).toEqual([]);
  });

  it('has the alerts an operator needs, each with a severity, a summary and its runbook entry in the README', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'FrontdeskNodeDown',
        'FrontdeskConsumerLagHigh',
        'FrontdeskEventsParked',
        'FrontdeskJobFailing',
        'FrontdeskSendLatencyHigh',
      ]),
    );
    for (const rule of rules) {
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.annotations.runbook, rule.alert).toBe(`README.md#${rule.alert.toLowerCase()}`);
      // the README's heading "#### FrontdeskNodeDown" is the anchor #frontdesknodedown
      expect(readme, rule.alert).toContain(`\n#### ${rule.alert}\n`);
      if (rule.for) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
    }
  });

  it('is loaded by the Prometheus configuration beside it, which scrapes the job the rules name', () => {
    const config = parse(file('deploy/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path: string }[];
    };
    expect(config.rule_files).toContain('alerts.yml');
    expect(config.scrape_configs).toContainEqual(
      expect.objectContaining({ job_name: 'frontdesk', metrics_path: '/metrics' }),
    );
    const up = rules.find((r) => r.alert === 'FrontdeskNodeDown');
    expect(up?.expr).toContain('job="frontdesk"');
  });
});
