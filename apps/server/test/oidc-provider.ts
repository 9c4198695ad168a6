import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test provider knows: the login name typed on its sign-in page is `email`. */
export interface ProviderAccount {
  email: string;
  /** `email_verified`; a provider started `like: 'entra'` never sends it. */
  emailVerified: boolean;
  /** Microsoft Entra ID's optional `xms_edov` claim (the e-mail's domain is verified by the tenant); absent when undefined. */
  xmsEdov?: boolean;
  name?: string;
}

/**
 * A real OpenID provider (oidc-provider) on a free port of 127.0.0.1, with its development sign-in
 * and consent pages: any password opens an account added with `addAccount`. One client is
 * registered (confidential, authorization code with PKCE) for the given redirect URI.
 * `like: 'entra'` answers the way Microsoft Entra ID does: no `email_verified`, but `xms_edov`
 * (when the account has it) in the ID token. `discoveryRequests()` counts the fetches of the
 * discovery document.
 */
export async function startOidcProvider(opts: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
  like?: 'standard' | 'entra';
}) {
  const accounts = new Map<string, ProviderAccount>();
  const entra = opts.like === 'entra';
  let discoveries = 0;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = opts.clientId ?? 'frontdesk';
  const clientSecret = opts.clientSecret ?? 'a-long-client-secret-for-tests';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', entra ? 'xms_edov' : 'email_verified'], profile: ['name'] },
    // Entra ID puts the claims it was asked for in the ID token itself
    conformIdTokenClaims: !entra,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const verified = entra
            ? account.xmsEdov === undefined
              ? {}
              : { xms_edov: account.xmsEdov }
            : { email_verified: account.emailVerified };
          return { sub: id, email: account.email, ...verified, name: account.name };
        },
      };
    },
  });
  // quiet: a refused grant is what some tests want
  provider.on('server_error', () => {});
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/.well-known/openid-configuration')) discoveries++;
    handle(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (account: ProviderAccount) => void accounts.set(account.email, account),
    discoveryRequests: () => discoveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/** Cookies by name, as a browser keeps them for one site (paths are ignored: the tests need no more). */
class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs `login` in at the provider the way a browser would, starting from the provider's authorization
 * URL: the development sign-in page, then the consent page. Returns the URL the provider sends the
 * browser back to (our callback, with `code` and `state`, or `error`), without opening it.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
    });
    jar.take(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== new URL(authorizationUrl).origin) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    body = html.includes('name="prompt" value="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'anything' })
      : new URLSearchParams({ prompt: 'consent' });
  }
  throw new Error('the provider kept redirecting');
}
