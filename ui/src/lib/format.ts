// Display helpers. No phone-number logic lives here: numbers arrive formatted from Rust.
import type { Locale } from "./i18n/index.svelte";

/** ISO 3166 alpha-2 -> flag emoji made of two regional-indicator symbols. */
export function flagEmoji(code: string): string {
  const cc = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) return "";
  const base = 0x1f1e6 - "A".charCodeAt(0);
  return String.fromCodePoint(base + cc.charCodeAt(0), base + cc.charCodeAt(1));
}

const regionNames = new Map<Locale, Intl.DisplayNames | null>();

export function regionName(code: string, locale: Locale): string {
  if (!regionNames.has(locale)) {
    try {
      regionNames.set(locale, new Intl.DisplayNames([locale], { type: "region" }));
    } catch {
      regionNames.set(locale, null);
    }
  }
  try {
    return regionNames.get(locale)?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** The region of the system locale (en-GB -> GB, zh-CN -> CN, en -> US), if any. */
export function systemRegion(
  language: string | undefined = globalThis.navigator?.language,
): string | null {
  if (!language) return null;
  try {
    const loc = new Intl.Locale(language);
    return (loc.region ?? loc.maximize().region ?? null)?.toUpperCase() ?? null;
  } catch {
    return null;
  }
}

/** "a, b，c" -> ["a", "b", "c"], trimmed, without empties or duplicates. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,，、]/)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(date);
}

/** A calendar date ("2026-12-31": a plan's start, a promotion's expiry) as the user reads
 * dates, the same day wherever the user is. */
export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map((p) => Number.parseInt(p, 10));
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Whether two instants fall on the same calendar day in the user's zone. */
export function sameLocalDay(a: string, b: string): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return (
    x.getFullYear() === y.getFullYear() &&
    x.getMonth() === y.getMonth() &&
    x.getDate() === y.getDate()
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** RFC 3339 instant -> the value of an `<input type="datetime-local">` in the user's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the user's wall clock) -> an RFC 3339 UTC instant, "" if unreadable. */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "";
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
