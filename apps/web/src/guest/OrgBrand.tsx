import type { PublicOrganization } from '../api/types';

/** The hotel's logo, name and motto, as on its welcome card. */
export function OrgBrand({ org }: { org: Pick<PublicOrganization, 'name' | 'motto' | 'logoUrl'> }) {
  return (
    <header className="g-brand">
      {org.logoUrl ? (
        <img className="g-brand-logo" src={org.logoUrl} alt="" width={64} height={64} />
      ) : (
        <Monogram name={org.name} />
      )}
      <h1 className="g-brand-name">{org.name}</h1>
      {org.motto ? <p className="g-brand-motto">{org.motto}</p> : null}
    </header>
  );
}

/** The first letter of the name, when the hotel has no logo. */
export function Monogram({ name, small }: { name: string; small?: boolean }) {
  return (
    <span className={small ? 'g-monogram g-monogram-small' : 'g-monogram'} aria-hidden="true">
      {name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
