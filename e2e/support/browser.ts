import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { SHOTS_DIR, slug } from './shots.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, without anything that phones home or needs a GPU or a sandbox. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A guest's phone: what the QR code is scanned with. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** A receptionist's desktop. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 860 } };

interface OpenWindow {
  name: string;
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** What the Content-Security-Policy blocked in it, and how many of those a test has been failed for. */
  csp: { seen: string[]; reported: number };
  /** The test that opened it. */
  openedIn: string | undefined;
}

/** Console noise that is no problem: a signed-out page asking who is signed in. */
const EXPECTED = /Failed to load resource: the server responded with a status of 401/;

/** Chromium's console line for anything the Content-Security-Policy refused, and our own report of one. */
const CSP_VIOLATION = /Content Security Policy|securitypolicyviolation/i;

/**
 * Logs every CSP violation of a page on its console: Chromium prints most of them itself, the event
 * catches the rest (e.g. a refused eval inside a library's try/catch). Injected by the browser,
 * so the page's own CSP does not apply to it.
 */
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(
      `securitypolicyviolation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} (${e.sourceFile}:${e.lineNumber})`,
    );
  });
}

/**
 * One Chromium per spec file (playwright gives each launch a fresh user-data dir), and any number
 * of windows in it, each a context of its own (own cookies: a receptionist and a guest side by
 * side). When a test fails, the windows it opened (or, if it opened none, every open window) are
 * screenshotted into /tmp/e2e-shots and their console errors are printed.
 */
export class Browsers {
  readonly baseUrl = inject('baseUrl');
  private browser: Browser | undefined;
  private readonly windows: OpenWindow[] = [];
  /** The test running now. */
  current: string | undefined;

  async launch(): Promise<void> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium`);
    }
    this.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }

  /**
   * A new window (browser context) on a phone or a desktop, speaking English on Warsaw time unless
   * `device` says otherwise (e.g. `{ ...PHONE, timezoneId: 'America/New_York' }`: a guest from abroad).
   */
  async open(name: string, device: BrowserContextOptions = DESKTOP): Promise<Page> {
    if (!this.browser) throw new Error('the browser is not running');
    const context = await this.browser.newContext({
      locale: 'en-US',
      timezoneId: 'Europe/Warsaw',
      ...device,
      baseURL: this.baseUrl,
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    await context.addInitScript(reportCspViolations);
    const page = await context.newPage();
    const window: OpenWindow = {
      name,
      context,
      page,
      problems: [],
      csp: { seen: [], reported: 0 },
      openedIn: this.current,
    };
    page.on('console', (m) => {
      if (CSP_VIOLATION.test(m.text())) window.csp.seen.push(`"${window.name}" (${page.url()}): ${m.text()}`);
      if (m.type() === 'error' && !EXPECTED.test(m.text())) window.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (err) => window.problems.push(`page error: ${err.message}`));
    this.windows.push(window);
    return page;
  }

  /** The context (cookies, offline switch) of a window opened with `open`. */
  contextOf(page: Page): BrowserContext {
    const window = this.windows.find((w) => w.page === page);
    if (!window) throw new Error('not a window of this spec');
    return window.context;
  }

  /** Closes a window opened with `open` (its context, with its cookies). */
  async close(page: Page): Promise<void> {
    await this.contextOf(page).close();
  }

  async screenshots(file: string, test: string, testId: string): Promise<void> {
    const open = this.windows.filter((w) => !w.page.isClosed());
    const own = open.filter((w) => w.openedIn === testId);
    for (const w of own.length ? own : open) {
      const path = join(SHOTS_DIR, `${slug(file)}--${slug(test)}--${slug(w.name)}.png`);
      await w.page.screenshot({ path, timeout: 10_000 }).then(
        () => console.log(`[e2e] screenshot of "${w.name}" (${w.page.url()}): ${path}`),
        (err: Error) => console.log(`[e2e] no screenshot of "${w.name}": ${err.message}`),
      );
      if (w.problems.length) console.log(`[e2e] errors in "${w.name}":\n  ${w.problems.join('\n  ')}`);
    }
  }

  /** CSP violations logged in any window since the last call: each fails the test it happened in. */
  newCspViolations(): string[] {
    return this.windows.flatMap((w) => {
      const fresh = w.csp.seen.slice(w.csp.reported);
      w.csp.reported = w.csp.seen.length;
      return fresh;
    });
  }

  async quit(): Promise<void> {
    await this.browser?.close();
  }
}

/**
 * Registers the browser's start and end around the spec file, and screenshots on failure. A test
 * during which the Content-Security-Policy refused anything fails: the app must run under it.
 */
export function useBrowsers(): Browsers {
  const browsers = new Browsers();
  beforeAll(() => browsers.launch());
  afterAll(async () => {
    const late = browsers.newCspViolations();
    await browsers.quit();
    if (late.length) throw new Error(`the Content-Security-Policy refused something:\n  ${late.join('\n  ')}`);
  });
  beforeEach(({ task, onTestFailed }) => {
    browsers.current = task.id;
    onTestFailed(() => browsers.screenshots(task.file.name.replace(/^.*\//, ''), task.name, task.id));
  });
  afterEach(() => {
    const violations = browsers.newCspViolations();
    if (violations.length) {
      throw new Error(`the Content-Security-Policy refused something:\n  ${violations.join('\n  ')}`);
    }
  });
  return browsers;
}
