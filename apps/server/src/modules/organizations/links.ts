/** The links printed in QR codes. They are part of the product's public contract: keep them stable. */
export const guestLinks = {
  /** A guest's own link: opens their chat with the access code filled in. */
  stayGuest: (publicUrl: string, slug: string, code: string) => `${publicUrl}/g/${slug}?code=${code}`,
  /** A room poster: opens the guest login with the room filled in; never signs anyone in. */
  room: (publicUrl: string, slug: string, roomNumber: string) =>
    `${publicUrl}/g/${slug}?room=${encodeURIComponent(roomNumber)}`,
  /** The organization's public entry for anonymous visitors. */
  publicEntry: (publicUrl: string, slug: string) => `${publicUrl}/g/${slug}/visit`,
};
