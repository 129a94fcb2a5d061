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

/** The Intl locale dates are written in: one style per UI language, the one the core's own
 * sentences use ("28 Feb 2026 23:59", "2026年2月28日 23:59"), so a screen never mixes two. */
export function dateLocale(locale: Locale): string {
  return locale === "en" ? "en-GB" : locale;
}

/** An instant as a date and a time of day in the user's zone: "28 Feb 2026 23:59". */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(iso, locale)} ${formatTime(iso, locale)}`;
}

/** A time zone as people name it ("Hong Kong Time", "香港时间"), never its IANA id when Intl
 * knows a name; else the id's city ("Europe/London" -> "London"). */
export function zoneName(zone: string, locale: Locale, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat(dateLocale(locale), {
      timeZone: zone,
      timeZoneName: "longGeneric",
    })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    if (part && !/^GMT[+-−]/.test(part)) return part;
  } catch {
    // An id this engine does not know: its city below.
  }
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
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

/** Week data as engines expose it (`getWeekInfo()` now, the `weekInfo` getter before). */
type WithWeekInfo = Intl.Locale & {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
};

/**
 * The first day of the week where `language` is used (en-US: Sunday, en-GB and zh-CN: Monday),
 * from the engine's locale data; Monday (ISO 8601) where the engine has none.
 */
export function weekStartOf(
  language: string | undefined = globalThis.navigator?.language,
): "monday" | "sunday" | "saturday" {
  try {
    const loc = new Intl.Locale(language || "en").maximize() as WithWeekInfo;
    const first = (loc.getWeekInfo?.() ?? loc.weekInfo)?.firstDay;
    return first === 7 ? "sunday" : first === 6 ? "saturday" : "monday";
  } catch {
    return "monday";
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
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: "medium" }).format(date);
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

/** A calendar date from the core ("2026-03-03": a plan's start, a promotion's expiry, a day
 * already in the user's zone) as the user reads dates: that calendar day, whatever the
 * browser's zone. */
export function formatDay(
  date: string,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const utc = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(dateLocale(locale), { ...options, timeZone: "UTC" }).format(utc);
}

/** "March 2026" / "2026年3月" for a month the core names by year and month (1-12). */
export function formatMonth(
  year: number,
  month: number,
  locale: Locale,
  style: "long" | "short" = "long",
): string {
  const utc = new Date(Date.UTC(year, month - 1, 1));
  return new Intl.DateTimeFormat(dateLocale(locale), {
    year: "numeric",
    month: style,
    timeZone: "UTC",
  }).format(utc);
}

/** An instant's time of day in the user's zone ("09:00"). */
export function formatTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(locale), { timeStyle: "short" }).format(date);
}
