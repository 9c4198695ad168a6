import { connect } from 'node:net';

/** What a response looked like, with the JSON body parsed when there was one. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** Send this Origin header; `null` sends none. Defaults to the server's own origin, as a browser would. */
  origin?: string | null;
  headers?: Record<string, string>;
  /** A raw body sent as is (for malformed-input tests, and image uploads with their own content-type). */
  raw?: string | Uint8Array;
  /** `manual`: answer a redirect with the redirect itself (its Location), as a browser sees it before following. */
  redirect?: 'follow' | 'manual';
}

/**
 * A tiny HTTP client for tests that behaves like a browser (keeps the session cookie and sends
 * an Origin) or like an API client (bearer token), through real fetch against the real server.
 */
export class ApiClient {
  /** The session cookies this "browser" holds: `fd_session` (staff) and `fd_guest` (guest). */
  cookies = new Map<string, string>();
  token: string | null = null;

  /** The Cookie header, as a browser would send it; `null` clears every cookie. */
  get cookie(): string | null {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : null;
  }
  set cookie(value: string | null) {
    this.cookies.clear();
    for (const pair of value?.split('; ') ?? []) {
      const [name, ...rest] = pair.split('=');
      if (name) this.cookies.set(name, rest.join('='));
    }
  }

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined || opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const origin = opts.origin === undefined ? new URL(this.baseUrl).origin : opts.origin;
    if (origin) headers.origin = origin;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      redirect: opts.redirect,
    });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const [name = '', ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string, opts?: RequestOptions) => this.request<T>('GET', path, undefined, opts);
  post = <T = any>(path: string, body?: unknown, opts?: RequestOptions) => this.request<T>('POST', path, body, opts);
  patch = <T = any>(path: string, body?: unknown, opts?: RequestOptions) => this.request<T>('PATCH', path, body, opts);
  put = <T = any>(path: string, body?: unknown, opts?: RequestOptions) => this.request<T>('PUT', path, body, opts);
  delete = <T = any>(path: string, opts?: RequestOptions) => this.request<T>('DELETE', path, undefined, opts);

  /** Signs in through the real login endpoint; keeps the cookie (browser style). */
  async login(email: string, password: string): Promise<ApiResponse> {
    return this.post('/api/v1/auth/login', { email, password });
  }
}

/**
 * Writes `request` as is to the server's socket and reads the answer until the server closes:
 * for requests fetch refuses to send (bad request lines, bad Content-Length, oversized headers).
 */
export async function rawHttp(baseUrl: string, request: string): Promise<ApiResponse> {
  const { hostname, port } = new URL(baseUrl);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Headers();
  for (const line of headerLines) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const body = rest.join('\r\n\r\n');
  const json = (headers.get('content-type') ?? '').includes('json') && body;
  return { status: Number(statusLine.split(' ')[1]), body: json ? JSON.parse(body) : body, headers };
}
