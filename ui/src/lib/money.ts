// Amounts travel as integer minor units (never floats). These helpers turn what the user typed
// ("50", "10.5", "1,000") into minor units with the currency's exponent, and back for display.
// Range and currency checks are Rust's job; this only reads the digits.
import type { Currency, Money } from "./api";
import type { Locale } from "./i18n/index.svelte";

/** ISO 4217 exponents for when the currency list has not loaded (or in tests). */
const FALLBACK_EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, BHD: 3, KWD: 3 };

export function exponentOf(code: string, currencies: readonly Currency[] = []): number {
  const upper = code.trim().toUpperCase();
  const known = currencies.find((c) => c.code === upper);
  if (known) return known.exponent;
  return FALLBACK_EXPONENTS[upper] ?? 2;
}

export type ParsedAmount = { kind: "empty" } | { kind: "ok"; minor: number } | { kind: "invalid" };

/**
 * "50" -> 5000 (exponent 2), "10.5" -> 1050, "1000" -> 1000 (exponent 0), "-3.20" -> -320.
 * Commas and spaces are read as digit grouping; more decimals than the currency has is invalid.
 */
export function parseAmount(text: string, exponent: number): ParsedAmount {
  const cleaned = text
    .trim()
    .replace(/[\s,，_']/g, "")
    .replace(/。/g, ".")
    .replace(/^[−–]/, "-");
  if (cleaned === "") return { kind: "empty" };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return { kind: "invalid" };
  const [, sign = "", whole = "", fraction = ""] = m;
  if (whole === "" && fraction === "") return { kind: "invalid" };
  if (fraction.length > exponent) return { kind: "invalid" };
  const digits = (whole || "0") + fraction.padEnd(exponent, "0");
  const minor = Number.parseInt(digits, 10);
  if (!Number.isSafeInteger(minor)) return { kind: "invalid" };
  return { kind: "ok", minor: sign === "-" ? -minor : minor };
}

/** 5000, 2 -> "50"; 1050, 2 -> "10.50"; 1000, 0 -> "1000". For putting an amount back in a field. */
export function minorToText(minor: number, exponent: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, "0");
  const whole = exponent > 0 ? digits.slice(0, -exponent) : digits;
  const fraction = exponent > 0 ? digits.slice(-exponent) : "";
  const body = fraction && /[1-9]/.test(fraction) ? `${whole}.${fraction}` : whole;
  return negative ? `-${body}` : body;
}

/** A Money for display: "HK$50.00", "¥1,000", "£10.50" (locale-aware). */
export function formatMoney(
  money: Money,
  locale: Locale,
  currencies: readonly Currency[] = [],
): string {
  const exponent = exponentOf(money.currency, currencies);
  const minor = money.minor ?? 0;
  const value = minor / 10 ** exponent;
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: money.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(value);
  } catch {
    return `${money.currency} ${minorToText(minor, exponent)}`;
  }
}

/** The currencies a region usually pays in, to put first in a list. */
export const REGION_CURRENCY: Record<string, string> = {
  PH: "PHP",
  GB: "GBP",
  HK: "HKD",
  MO: "MOP",
  US: "USD",
  CA: "CAD",
  CN: "CNY",
  TW: "TWD",
  ID: "IDR",
  VN: "VND",
  MY: "MYR",
  TH: "THB",
  SG: "SGD",
  JP: "JPY",
  KR: "KRW",
  AU: "AUD",
  NZ: "NZD",
  DE: "EUR",
  FR: "EUR",
  ES: "EUR",
  IT: "EUR",
  NL: "EUR",
  BE: "EUR",
  LU: "EUR",
  UA: "UAH",
};
