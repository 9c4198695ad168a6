import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'frontdesk-config-'));

describe('configuration', () => {
  it('starts with zero settings: port 3000, embedded database, demo on', () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      redisUrl: undefined,
      demo: true,
      logLevel: 'info',
      dataDir: dir,
    });
  });

  it('generates a session secret once and keeps it in DATA_DIR', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'session-secret')).mode & 0o077).toBe(0);
  });

  it('reads every setting and lists all bad ones at once', () => {
    const config = loadConfig({
      DATA_DIR: tmp(),
      PORT: '8080',
      PUBLIC_URL: 'https://desk.example.com/',
      DATABASE_URL: 'postgres://u@db/frontdesk',
      REDIS_URL: 'redis://cache:6379',
      SESSION_SECRET: 's'.repeat(40),
      FRONTDESK_DEMO: '0',
      FRONTDESK_ADMIN_EMAIL: 'Owner@Example.com',
      FRONTDESK_ADMIN_PASSWORD: 'long-enough-pw',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://desk.example.com',
      demo: false,
      superadmin: { email: 'owner@example.com' },
    });
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('keeps uploaded images under DATA_DIR/files unless FILES_DIR says otherwise, and caps their size', () => {
    const dir = tmp();
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({
      filesDir: join(dir, 'files'),
      filesMaxBytes: 5 * 1024 * 1024,
    });
    const elsewhere = join(tmp(), 'uploads');
    expect(loadConfig({ DATA_DIR: dir, FILES_DIR: elsewhere, FILES_MAX_BYTES: '2097152' })).toMatchObject({
      filesDir: elsewhere,
      filesMaxBytes: 2 * 1024 * 1024,
    });
    for (const bad of ['lots', '0', '-5', String(100 * 1024 * 1024)]) {
      expect(() => loadConfig({ DATA_DIR: dir, FILES_MAX_BYTES: bad }), bad).toThrow(/FILES_MAX_BYTES/);
    }
  });

  it('gives the embedded database a 16 MB buffer cache unless EMBEDDED_DB_CACHE_MB says otherwise', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).embeddedCacheMb).toBe(16);
    expect(loadConfig({ DATA_DIR: tmp(), EMBEDDED_DB_CACHE_MB: '128' }).embeddedCacheMb).toBe(128);
    for (const bad of ['big', '0', '-1', '1025', '1.5']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), EMBEDDED_DB_CACHE_MB: bad }), bad).toThrow(/EMBEDDED_DB_CACHE_MB/);
    }
  });

  it('vacuums the grown tables of the embedded database every 60 s unless EMBEDDED_MAINTENANCE_SECONDS says otherwise (0: never)', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).embeddedMaintenanceSeconds).toBe(60);
    expect(loadConfig({ DATA_DIR: tmp(), EMBEDDED_MAINTENANCE_SECONDS: '0' }).embeddedMaintenanceSeconds).toBe(0);
    expect(loadConfig({ DATA_DIR: tmp(), EMBEDDED_MAINTENANCE_SECONDS: '3600' }).embeddedMaintenanceSeconds).toBe(3600);
    for (const bad of ['hourly', '-1', '86401', '1.5']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), EMBEDDED_MAINTENANCE_SECONDS: bad }), bad).toThrow(
        /EMBEDDED_MAINTENANCE_SECONDS/,
      );
    }
  });

  it('bounds a drain by SHUTDOWN_TIMEOUT_MS: 25 s unless set, between 1 s and 10 minutes', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).shutdownTimeoutMs).toBe(25_000);
    expect(loadConfig({ DATA_DIR: tmp(), SHUTDOWN_TIMEOUT_MS: '5000' }).shutdownTimeoutMs).toBe(5000);
    for (const bad of ['soon', '0', '999', '600001', '2.5']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), SHUTDOWN_TIMEOUT_MS: bad }), bad).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    }
  });

  it('reads the mail server from SMTP_URL or SMTP_HOST (not both), and keeps e-mail without either', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).mail).toMatchObject({
      smtp: undefined,
      maxAttempts: 6,
      messageDelayMs: 300_000,
    });
    expect(loadConfig({ DATA_DIR: tmp(), SMTP_URL: 'smtps://u:p@mail.example:465' }).mail.smtp).toEqual({
      url: 'smtps://u:p@mail.example:465',
    });
    const host = loadConfig({ DATA_DIR: tmp(), SMTP_HOST: 'mail.example', SMTP_USER: 'desk', SMTP_PASSWORD: 'pw' });
    expect(host.mail.smtp).toEqual({ host: 'mail.example', port: 587, secure: false, user: 'desk', password: 'pw' });
    expect(loadConfig({ DATA_DIR: tmp(), SMTP_HOST: 'mail.example', SMTP_PORT: '465' }).mail.smtp).toMatchObject({
      port: 465,
      secure: true,
    });
    expect(() => loadConfig({ DATA_DIR: tmp(), SMTP_URL: 'smtp://a.example', SMTP_HOST: 'b.example' })).toThrow(
      /SMTP_URL and SMTP_HOST/,
    );
    expect(() => loadConfig({ DATA_DIR: tmp(), SMTP_HOST: 'mail.example', SMTP_USER: 'desk' })).toThrow(/go together/);
    for (const bad of [{ SMTP_URL: 'https://mail.example' }, { SMTP_PORT: '70000' }, { SMTP_SECURE: 'maybe' }])
      expect(() => loadConfig({ DATA_DIR: tmp(), ...bad }), JSON.stringify(bad)).toThrow(/SMTP_/);
  });

  it('refuses private webhook addresses unless WEBHOOK_ALLOW_PRIVATE says otherwise, and checks the retry settings', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).webhooks).toEqual({
      allowPrivate: false,
      timeoutMs: 10_000,
      retryBaseMs: 30_000,
      retryWindowMs: 24 * 3600_000,
      maxAttempts: 40,
      disableAfterGiveUps: 3,
      keepMs: 30 * 86_400_000,
    });
    expect(loadConfig({ DATA_DIR: tmp(), WEBHOOK_ALLOW_PRIVATE: 'true' }).webhooks.allowPrivate).toBe(true);
    for (const bad of [
      { WEBHOOK_ALLOW_PRIVATE: 'sometimes' },
      { WEBHOOK_TIMEOUT_SECONDS: '0' },
      { WEBHOOK_TIMEOUT_SECONDS: '600' },
      { WEBHOOK_RETRY_BASE_SECONDS: '-1' },
      { WEBHOOK_MAX_ATTEMPTS: '1.5' },
      { WEBHOOK_KEEP_DAYS: '0' },
    ])
      expect(() => loadConfig({ DATA_DIR: tmp(), ...bad }), JSON.stringify(bad)).toThrow(/WEBHOOK_/);
  });

  it('turns translation on by TRANSLATION_PROVIDER, with the key and URL each provider needs', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).translation).toBeUndefined();
    expect(loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'none' }).translation).toBeUndefined();
    // DeepL Free keys end in :fx and have their own host
    expect(
      loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'deepl', TRANSLATION_API_KEY: 'abc:fx' }).translation,
    ).toEqual({
      provider: 'deepl',
      url: 'https://api-free.deepl.com',
      apiKey: 'abc:fx',
      timeoutMs: 8000,
    });
    expect(
      loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'deepl', TRANSLATION_API_KEY: 'abc' }).translation?.url,
    ).toBe('https://api.deepl.com');
    expect(
      loadConfig({
        DATA_DIR: tmp(),
        TRANSLATION_PROVIDER: 'google',
        TRANSLATION_API_KEY: 'k',
        TRANSLATION_TIMEOUT_SECONDS: '3',
      }).translation,
    ).toMatchObject({ url: 'https://translation.googleapis.com', timeoutMs: 3000 });
    expect(
      loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'libretranslate', TRANSLATION_URL: 'http://lt.local:5000/' })
        .translation,
    ).toEqual({ provider: 'libretranslate', url: 'http://lt.local:5000', apiKey: undefined, timeoutMs: 8000 });
    expect(() => loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'deepl' })).toThrow(
      /TRANSLATION_API_KEY is required/,
    );
    expect(() => loadConfig({ DATA_DIR: tmp(), TRANSLATION_PROVIDER: 'libretranslate' })).toThrow(
      /TRANSLATION_URL is required/,
    );
    for (const bad of [
      { TRANSLATION_PROVIDER: 'bing' },
      { TRANSLATION_URL: 'ftp://lt.local' },
      { TRANSLATION_TIMEOUT_SECONDS: '0' },
      { TRANSLATION_TIMEOUT_SECONDS: '61' },
    ])
      expect(() => loadConfig({ DATA_DIR: tmp(), ...bad }), JSON.stringify(bad)).toThrow(/TRANSLATION_/);
  });

  it('refuses private single sign-on issuers unless SSO_ALLOW_PRIVATE_ISSUER says otherwise, and keeps discoveries 10 minutes', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).sso).toEqual({ allowPrivateIssuer: false, discoveryCacheMs: 600_000 });
    expect(
      loadConfig({ DATA_DIR: tmp(), SSO_ALLOW_PRIVATE_ISSUER: 'yes', SSO_DISCOVERY_CACHE_SECONDS: '0' }).sso,
    ).toEqual({ allowPrivateIssuer: true, discoveryCacheMs: 0 });
    for (const bad of [
      { SSO_ALLOW_PRIVATE_ISSUER: 'sometimes' },
      { SSO_DISCOVERY_CACHE_SECONDS: '-1' },
      { SSO_DISCOVERY_CACHE_SECONDS: '100000' },
    ])
      expect(() => loadConfig({ DATA_DIR: tmp(), ...bad }), JSON.stringify(bad)).toThrow(/SSO_/);
  });

  it('needs the super admin email and password together', () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), FRONTDESK_ADMIN_EMAIL: 'a@b.example' })).toThrow(/go together/);
  });

  it('reads socket event budgets from CHAT_EVENT_LIMITS and refuses a malformed one', () => {
    const config = loadConfig({
      DATA_DIR: tmp(),
      CHAT_EVENT_LIMITS: '{"sync":{"perSocket":20},"actions":{"perSender":600}}',
    });
    expect(config.chatEventLimits).toEqual({ sync: { perSocket: 20 }, actions: { perSender: 600 } });
    expect(loadConfig({ DATA_DIR: tmp() }).chatEventLimits).toEqual({});
    for (const bad of ['not json', '{"sink":{"perSocket":1}}', '{"sync":{"perSocket":0}}', '{"sync":{"points":3}}']) {
      expect(() => loadConfig({ DATA_DIR: tmp(), CHAT_EVENT_LIMITS: bad }), bad).toThrow(/CHAT_EVENT_LIMITS/);
    }
  });
});
