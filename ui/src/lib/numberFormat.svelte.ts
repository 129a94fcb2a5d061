// Which number format typed amounts are read in and shown with. It is the OS's money/number
// format, which the shell reports as `app_info.numberLocale` (on Linux: LC_ALL, LC_MONETARY,
// LC_NUMERIC or LANG; elsewhere the OS locale); until that arrives, or in a plain browser,
// the browser's language. It is independent of the UI's language: a Chinese UI on a German
// system reads "15,50" as fifteen and a half.
import { numberFormatOf } from "./amount";
import type { NumberFormat } from "./amount";

function browserLocale(): string {
  return globalThis.navigator?.language || "en";
}

let current = $state<NumberFormat>(numberFormatOf(browserLocale()));

export function getNumberFormat(): NumberFormat {
  return current;
}

/** Uses this locale's number format (`null`: the browser's). */
export function setNumberLocale(locale: string | null | undefined): void {
  current = numberFormatOf(locale || browserLocale());
}
