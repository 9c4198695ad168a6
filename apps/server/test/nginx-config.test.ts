import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const conf = readFileSync(new URL('../../../deploy/nginx/frontdesk.conf', import.meta.url), 'utf8');

// deploy/check-nginx.sh runs this configuration in front of real nodes; this keeps it in step
// with the server's settings on every test run.
describe('deploy/nginx/frontdesk.conf', () => {
  it('lets through the largest body a node accepts by default, and no more', () => {
    const defaults = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-nginx-')) });
    const largest = Math.max(defaults.attachments.maxBytes, defaults.filesMaxBytes, defaults.bodyLimitBytes);
    const [, size = '', unit = ''] = /^\s*client_max_body_size (\d+)([km]?);/m.exec(conf) ?? [];
    expect(Number(size) * ({ k: 1024, m: 1024 * 1024 }[unit] ?? 1)).toBe(largest);
  });

  it('upgrades websockets and keeps long-polling clients on one node', () => {
    expect(conf).toMatch(/^\s*hash \$remote_addr consistent;/m);
    expect(conf).toMatch(/^\s*proxy_set_header Upgrade \$http_upgrade;/m);
    expect(conf).toMatch(/^\s*proxy_set_header Connection \$connection_upgrade;/m);
    // overwritten, never appended: nodes with TRUST_PROXY=1 believe it
    expect(conf).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;/m);
    const directives = conf.split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(directives.join('\n')).not.toMatch(/proxy_add_x_forwarded_for/);
  });
});
