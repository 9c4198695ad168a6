import * as client from 'openid-client';

/** Where providers send the browser back: one address for every organization (the state says whose). */
export function ssoCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/auth/sso/callback`;
}

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The provider's configuration from its discovery document (openid-client does the OpenID Connect checks). */
export async function discoverProvider(settings: ProviderSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  return client.discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, undefined, {
    timeout: 10,
    ...(insecure && { execute: [client.allowInsecureRequests] }),
  });
}

export { client as oidc };
