// The label a customer scanned before their chat opened: their requests name it as their source.
const KEY = 'frontdesk.labelToken';

export function rememberLabelToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // private mode: the request just goes without its label
  }
}

export function scannedLabelToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
