/**
 * Countries as actors carry them: ISO 3166-1 alpha-2 codes, upper case, Japan (`JP`) when an
 * actor gives none. European data (CORDIS, Eurostat) writes `EL` for Greece and `UK` for the
 * United Kingdom; both spellings name the same country here, so a filter on `GB` finds actors
 * written `UK` and a reason says "United Kingdom" for either.
 */

/** The country of an actor that gives none. */
export const HOME_COUNTRY = 'JP';

/** The European Union's own codes that differ from ISO 3166-1. */
const EU_TO_ISO: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };
const ISO_TO_EU: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(EU_TO_ISO).map(([eu, iso]) => [iso, eu]));

/** True for two letters, any case: the shape of a country code. */
export function isCountryCode(text: string): boolean {
  return /^[A-Za-z]{2}$/.test(text);
}

/** An actor's country code, upper case; `JP` when absent. */
export function countryOf(code: string | undefined): string {
  return code ? code.toUpperCase() : HOME_COUNTRY;
}

/** The ISO 3166-1 code of a code as data writes it (`EL` → `GR`, `UK` → `GB`). */
export function isoCountry(code: string): string {
  const upper = code.toUpperCase();
  return EU_TO_ISO[upper] ?? upper;
}

/** Every code data may write for this country: `GB` and `UK` for the United Kingdom. */
export function countrySpellings(code: string): string[] {
  const iso = isoCountry(code);
  const eu = ISO_TO_EU[iso];
  return eu ? [iso, eu] : [iso];
}

export function sameCountry(a: string, b: string): boolean {
  return isoCountry(a) === isoCountry(b);
}

const NAMES = {
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
  ja: new Intl.DisplayNames(['ja'], { type: 'region', fallback: 'none' }),
};

/** "Germany" / "ドイツ"; the code itself when the runtime knows no name for it. */
export function countryName(code: string): { en: string; ja: string } {
  const iso = isoCountry(code);
  const name = (lang: 'en' | 'ja') => {
    try {
      return NAMES[lang].of(iso) ?? iso;
    } catch {
      return iso; // not a well-formed region code
    }
  };
  return { en: name('en'), ja: name('ja') };
}

/** A country's English name inside a sentence: "the United Kingdom", "the Netherlands", "Germany". */
export function countryInSentence(name: string): string {
  return /^(United |Netherlands$|Philippines$|Bahamas$|Gambia$|Maldives$|Comoros$|Seychelles$)|Republic$|Islands$/.test(name) ? `the ${name}` : name;
}
