import { continents, countries } from 'countries-list';

const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** An ISO 3166-1 alpha-2 code (upper case) that names a real territory, or null. */
export function countryCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) && code in countries ? code : null;
}

/** The territory's English name as CLDR gives it (the names published reports use), or the code itself. */
export function countryName(code: string): string {
  return names.of(code) ?? code;
}

/**
 * The coarse region a country belongs to (its continent: Africa, Asia, Europe, North America, Oceania, South
 * America, Antarctica): small enough groups that a published figure does not point at one country's people.
 */
export function regionOf(code: string): string | null {
  const country = countries[code.toUpperCase() as keyof typeof countries];
  return country ? continents[country.continent] : null;
}

// STIX 2.1 region-ov terms at one level, the top of UN M49 (africa, americas, asia, europe, oceania) plus
// antarctica. North America's continent spans Central America and the Caribbean, which region-ov's finer terms put
// outside "northern-america"; a finer term for one continent and a top-level one for another would mix levels, so
// both American continents are "americas".
const stixRegions: Readonly<Record<string, string>> = {
  AF: 'africa',
  AN: 'antarctica',
  AS: 'asia',
  EU: 'europe',
  NA: 'americas',
  OC: 'oceania',
  SA: 'americas',
};

/** The STIX `region` (region-ov) of the country's continent, or null. */
export function stixRegionOf(code: string): string | null {
  const country = countries[code.toUpperCase() as keyof typeof countries];
  return country ? (stixRegions[country.continent] ?? null) : null;
}
