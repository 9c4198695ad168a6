import type { Room, Stay } from '@frontdesk/protocol';
import { inject } from 'vitest';

/** Rooms that specs check guests into by number (2, 3 and 5): a spec taking any room leaves them. */
const ROOMS_SPECS_NAME = new Set(['112', '113', '114']);

/** The demo installation's accounts (README), all with the same password. */
export const DEMO_PASSWORD = 'aurora-demo-2026';
export const DEMO_ORG = 'hotel-aurora';
export const accounts = {
  admin: 'admin@aurora.example',
  reception1: 'reception1@aurora.example',
  reception2: 'reception2@aurora.example',
  owner: 'owner@frontdesk.example',
} as const;

/**
 * The REST API as an API client sees it (bearer token, no cookies): for the set-up a spec is not
 * about, such as checking in a guest for a spec about the chat.
 */
export class StaffApi {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(email: string, password = DEMO_PASSWORD): Promise<StaffApi> {
    const baseUrl = inject('baseUrl');
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    return new StaffApi(baseUrl, token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  rooms = () => this.request<Room[]>('GET', '/api/v1/rooms');

  /** A new room of the demo hotel, added by its admin (for specs that take any free room). */
  static async addRoom(): Promise<{ id: string; number: string }> {
    const admin = await StaffApi.signIn(accounts.admin);
    return admin.request<{ id: string; number: string }>('POST', '/api/v1/rooms', {
      number: `E2E ${Math.random().toString(36).slice(2, 8)}`,
    });
  }

  /**
   * Checks a guest into the free room `number` (or the first free one no spec asks for by number,
   * whichever order the specs run in) until tomorrow.
   */
  async checkIn(
    guest: { name: string; language?: 'en' | 'pl' | 'de'; email?: string },
    number?: string,
  ): Promise<Stay> {
    const rooms = await this.rooms();
    const room =
      rooms.find(
        (r) => !r.occupied && (number === undefined ? !ROOMS_SPECS_NAME.has(r.number) : r.number === number),
      ) ??
      // the demo's rooms are all taken by the specs that ran before: the admin adds one
      (number === undefined ? await StaffApi.addRoom() : undefined);
    if (!room) throw new Error(number ? `room ${number} is not free` : 'no free room');
    const checkOutAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    return this.request<Stay>('POST', '/api/v1/stays', {
      roomId: room.id,
      checkOutAt,
      guest: { name: guest.name, language: guest.language ?? 'en', ...(guest.email && { email: guest.email }) },
    });
  }
}

/** A path on the server from a full URL the API gave (they carry PUBLIC_URL, which is the test server). */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
