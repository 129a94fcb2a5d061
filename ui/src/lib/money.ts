// Money on screen: amounts travel as integer minor units of an ISO 4217 currency (never
// floats). Typed text is read by `readAmount` (amount.ts); the number of decimals of each
// currency comes from the core's currency list, never from a table here.
import { amountText, readAmount } from "./amount";
import type { AmountReading, NumberFormat } from "./amount";
import type { Currency, Money } from "./api";
import { t } from "./i18n/index.svelte";

/** The currency's number of decimals, or null when the core's list does not know it. */
export function exponentOf(code: string, currencies: readonly Currency[]): number | null {
  const upper = code.trim().toUpperCase();
  return currencies.find((c) => c.code === upper)?.exponent ?? null;
}

/** What an amount field holds: nothing, an amount, or text that is not one (with why). */
export type MoneyReading =
  | { kind: "empty" }
  | { kind: "ok"; money: Money; reading: AmountReading & { kind: "ok" } }
  | { kind: "invalid"; reason: (AmountReading & { kind: "invalid" })["reason"] };

/** Reads an amount field. With no currency picked yet the amount goes to the core as it is
 * (whole units), which then says the currency is missing. */
export function readMoney(
  text: string,
  currency: string,
  currencies: readonly Currency[],
  format: NumberFormat,
): MoneyReading {
  const code = currency.trim().toUpperCase();
  const reading = readAmount(text, exponentOf(code, currencies) ?? 0, format);
  if (reading.kind === "empty") return reading;
  if (reading.kind === "invalid") return { kind: "invalid", reason: reading.reason };
  return { kind: "ok", money: { minor: reading.minor, currency: code }, reading };
}

/** A Money for display in the number format: "15,00 €" (de), "HK$50.00" (en). */
export function formatMoney(
  money: Money,
  currencies: readonly Currency[],
  format: NumberFormat,
): string {
  const exponent = exponentOf(money.currency, currencies) ?? 0;
  const minor = money.minor ?? 0;
  try {
    return new Intl.NumberFormat(format.locale, {
      style: "currency",
      currency: money.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(minor / 10 ** exponent);
  } catch {
    return `${money.currency} ${amountText(minor, exponent, format)}`;
  }
}

/** What to say about an amount field that cannot be read. */
export function amountProblem(
  reason: (AmountReading & { kind: "invalid" })["reason"],
  currency: string,
  currencies: readonly Currency[],
  format: NumberFormat,
): string {
  const code = currency.trim().toUpperCase();
  const exponent = exponentOf(code, currencies);
  if (reason === "too_many_decimals" && exponent !== null)
    return exponent === 0
      ? t("errors.amountNoDecimals", { currency: code })
      : t("errors.amountDecimals", { currency: code, count: exponent });
  if (reason === "too_large") return t("errors.amountTooLarge");
  const example = `50 ${t("rule.or")} ${amountText(1050, 2, format)}`;
  return t("errors.amountFormat", { example });
}
