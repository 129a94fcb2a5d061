// Carrier helpers shared by the picker, the line page and the carriers screen.
import type { Carrier } from "./api";
import { flagEmoji, regionName } from "./format";
import { getLocale } from "./i18n/index.svelte";
import type { Locale } from "./i18n/index.svelte";

/** The name in the user's language (the Chinese name in zh-CN when there is one). */
export function carrierName(carrier: Pick<Carrier, "nameEn" | "nameZh">, locale = getLocale()) {
  return locale === "zh-CN" && carrier.nameZh.trim() ? carrier.nameZh : carrier.nameEn;
}

/** The other language's name, when it says something the first does not. */
export function carrierAltName(carrier: Pick<Carrier, "nameEn" | "nameZh">, locale = getLocale()) {
  const main = carrierName(carrier, locale);
  const alt = locale === "zh-CN" ? carrier.nameEn : carrier.nameZh;
  return alt.trim() && alt.trim().toLowerCase() !== main.trim().toLowerCase() ? alt : "";
}

export function carrierNotes(carrier: Carrier, locale = getLocale()): string {
  const zh = carrier.notesZh?.trim() ?? "";
  const en = carrier.notesEn?.trim() ?? "";
  return locale === "zh-CN" ? zh || en : en || zh;
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Whether a carrier matches the picker's search: en or zh name, country code or name. */
export function carrierMatches(carrier: Carrier, query: string, locale: Locale): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  const code = carrier.country.toUpperCase();
  const haystack = [
    carrier.nameEn,
    carrier.nameZh,
    regionName(code, locale),
    regionName(code, "en"),
    regionName(code, "zh-CN"),
  ].map(fold);
  if (haystack.some((h) => h.includes(q))) return true;
  return q.length === 2 && code.toLowerCase() === q;
}

export type CarrierGroup = { country: string; flag: string; name: string; carriers: Carrier[] };

/** Carriers grouped by country: `first` (the form's country) leads, the rest by localized name. */
export function groupByCountry(
  carriers: readonly Carrier[],
  locale: Locale,
  first = "",
): CarrierGroup[] {
  const groups = new Map<string, Carrier[]>();
  for (const carrier of carriers) {
    const code = carrier.country.toUpperCase();
    groups.set(code, [...(groups.get(code) ?? []), carrier]);
  }
  const collator = new Intl.Collator(locale);
  const lead = first.toUpperCase();
  return [...groups.entries()]
    .map(([country, list]) => ({
      country,
      flag: flagEmoji(country),
      name: regionName(country, locale),
      carriers: [...list].sort((a, b) =>
        collator.compare(carrierName(a, locale), carrierName(b, locale)),
      ),
    }))
    .sort((a, b) => {
      if (a.country === lead) return -1;
      if (b.country === lead) return 1;
      return collator.compare(a.name, b.name);
    });
}
