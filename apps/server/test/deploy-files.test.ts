import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig, settingNames } from '../src/config.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * The deployment files under deploy/ (container image, compose, Kubernetes) against the server
 * they deploy: they parse, their probes hit routes that answer, every setting they pass is one the
 * server reads, and their limits match the server's. deploy/check-image.sh builds and runs the image.
 */
const deploy = fileURLToPath(new URL('../../../deploy/', import.meta.url));
const read = (path: string) => readFileSync(join(deploy, path), 'utf8');

/** Variables the image sets that are not settings of config.ts: Node's, and `npm start`'s (ensure-built.mjs). */
// Node's, the image build's and glibc's (MALLOC_*: README, "What an embedded installation costs in memory")
const NOT_SETTINGS = new Set(['NODE_ENV', 'FRONTDESK_SKIP_WEB_BUILD', 'MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);

interface Container {
  name: string;
  env?: { name: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  command?: string[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
interface Probe {
  httpGet: { path: string; port: string };
}
/** A Kubernetes object; `spec` is read field by field by the checks below. */
type Manifest = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

const k8sFiles = readdirSync(join(deploy, 'k8s')).filter((name) => name.endsWith('.yaml'));
const manifests: Manifest[] = k8sFiles.flatMap((name) =>
  parseAllDocuments(read(`k8s/${name}`)).map((doc) => {
    expect(doc.errors, `k8s/${name}`).toEqual([]);
    return doc.toJS() as Manifest;
  }),
);
const only = (kind: string) => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Manifest;
};
const compose = parse(read('compose.yaml'), { merge: true });
/** Compose services that run Frontdesk: those built from deploy/Containerfile. */
const frontdeskServices = Object.entries(compose.services as Record<string, any>).filter(
  ([, service]) => service.build?.dockerfile === 'deploy/Containerfile',
);

/** The runtime stage's `ENV A=1 B=2` lines (the last FROM on), continuation lines joined. */
function containerfileEnv(): Record<string, string> {
  const whole = read('Containerfile').replace(/\\\n/g, ' ');
  const text = whole.slice(whole.lastIndexOf('\nFROM '));
  const pairs = [...text.matchAll(/^ENV\s+(.+)$/gm)].flatMap((m) => [...(m[1] as string).matchAll(/(\w+)=(\S+)/g)]);
  return Object.fromEntries(pairs.map((p) => [p[1], p[2]]));
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('deployment files', () => {
  it('Kubernetes: one of each object the recipe needs, and kustomize applies every file but the once-per-release Job', () => {
    for (const kind of ['Deployment', 'PodDisruptionBudget', 'Service', 'Ingress', 'Secret', 'ConfigMap', 'Job']) {
      only(kind);
    }
    const kustomization = parse(read('k8s/kustomization.yaml')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(
      k8sFiles.filter((name) => !['kustomization.yaml', 'migrate-job.yaml'].includes(name)).sort(),
    );
    const selector = only('Deployment').spec.selector.matchLabels;
    expect(only('PodDisruptionBudget').spec.selector.matchLabels).toEqual(selector);
    expect(only('Service').spec.selector).toEqual(selector);
    expect(only('Job').spec.template.metadata.labels).not.toMatchObject(selector);
    expect(only('Job').spec.template.spec.containers[0].command.join(' ')).toContain('apps/server/src/cli/migrate.ts');
    const annotations = only('Ingress').metadata.annotations ?? {};
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
  });

  it('probes and healthchecks ask routes the server answers: readiness /readyz, liveness /healthz', async () => {
    const container = only('Deployment').spec.template.spec.containers[0] as Container;
    expect(container.readinessProbe?.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe?.httpGet.path).toBe('/healthz');
    const healthcheck = read('Containerfile').match(/^HEALTHCHECK[\s\S]*?(\/\w+)`/m)?.[1];
    expect(healthcheck).toBe('/healthz');
    const paths = [container.startupProbe, container.livenessProbe, container.readinessProbe].map(
      (p) => p?.httpGet.path,
    );
    for (const path of new Set([...paths, healthcheck])) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, String(path)).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    }
    const port = Number(containerfileEnv().PORT);
    expect(read('Containerfile')).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(container.ports?.find((p) => p.name === 'http')?.containerPort).toBe(port);
  });

  it('every variable the image, compose and Kubernetes set is a setting of config.ts', () => {
    const settings = new Set(settingNames);
    const names = new Map<string, string[]>();
    const add = (where: string, keys: Iterable<string>) => {
      for (const key of keys) names.set(key, [...(names.get(key) ?? []), where]);
    };
    add('Containerfile', Object.keys(containerfileEnv()));
    for (const [name, service] of frontdeskServices) add(`compose ${name}`, Object.keys(service.environment ?? {}));
    for (const m of manifests.filter((m) => m.kind === 'ConfigMap' || m.kind === 'Secret')) {
      add(`${m.kind} ${m.metadata.name}`, Object.keys({ ...m.data, ...m.stringData }));
    }
    for (const workload of [only('Deployment'), only('Job')]) {
      for (const container of workload.spec.template.spec.containers as Container[]) {
        add(
          `${workload.kind} ${container.name}`,
          (container.env ?? []).map((e) => e.name),
        );
        for (const from of container.envFrom ?? []) {
          const ref = from.configMapRef ?? from.secretRef;
          const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
          expect(
            manifests.some((m) => m.kind === kind && m.metadata.name === ref?.name),
            `${kind} ${ref?.name}`,
          ).toBe(true);
        }
      }
    }
    const unknown = [...names].filter(([key]) => !settings.has(key) && !NOT_SETTINGS.has(key));
    expect(unknown).toEqual([]);
    // the ones a multi-node installation cannot do without are there
    for (const key of ['SESSION_SECRET', 'DATABASE_URL', 'REDIS_URL'])
      expect(names.get(key)?.length, key).toBeGreaterThanOrEqual(2);
  });

  it("the image sets glibc's allocator as `npm start` does", () => {
    const start = JSON.parse(readFileSync(join(deploy, '../package.json'), 'utf8')).scripts.start as string;
    const defaults = Object.fromEntries(
      [...start.matchAll(/\b(MALLOC_\w+)=\$\{\1:-([^}]+)\}/g)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(defaults).sort()).toEqual(['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
    const image = containerfileEnv();
    for (const [key, value] of Object.entries(defaults)) expect(image[key], key).toBe(value);
  });

  it('compose: PostgreSQL, Redis, a migration run once, two nodes and nginx, whose upstreams and upload limit match', () => {
    const services = compose.services as Record<string, any>;
    expect(Object.keys(services).sort()).toEqual([
      'frontdesk-1',
      'frontdesk-2',
      'migrate',
      'nginx',
      'postgres',
      'redis',
    ]);
    for (const node of ['frontdesk-1', 'frontdesk-2']) {
      expect(services[node].depends_on.migrate.condition).toBe('service_completed_successfully');
    }
    expect(services.migrate.command.join(' ')).toContain('apps/server/src/cli/migrate.ts');
    const mounted = (services.nginx.volumes as string[]).map((v) => v.split(':')[0] as string);
    for (const file of mounted) expect(existsSync(join(deploy, file)), file).toBe(true);
    const nginx = read('nginx/compose.conf');
    const upstreams = [...nginx.matchAll(/^\s*server ([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstreams).toEqual(['frontdesk-1:3000', 'frontdesk-2:3000']);
    // the tested configuration, with compose's nodes
    const withoutNodes = (conf: string) =>
      conf.slice(conf.indexOf('upstream frontdesk {')).replace(/^\s*server [\w.-]+:\d+ .*$/gm, '');
    expect(withoutNodes(nginx)).toBe(withoutNodes(read('nginx/frontdesk.conf')));
    // the upload limit in front of the nodes is the server's own
    const attachmentMiB = loadConfig({ SESSION_SECRET: 'x'.repeat(32) }).attachments.maxBytes / 1024 / 1024;
    expect(nginx).toContain(`client_max_body_size ${attachmentMiB}m;`);
    const annotations = only('Ingress').metadata.annotations ?? {};
    expect(annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe(`${attachmentMiB}m`);
  });
});
