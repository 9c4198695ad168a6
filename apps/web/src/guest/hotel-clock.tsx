import { createContext, useContext } from 'react';

const HotelTimeZone = createContext<string | undefined>(undefined);

/** Puts the guest's page on the hotel's clock (the organization's IANA zone). */
export const HotelClock = HotelTimeZone.Provider;

/** The hotel's time zone, for every time the guest sees. */
export function useHotelTimeZone(): string | undefined {
  return useContext(HotelTimeZone);
}
