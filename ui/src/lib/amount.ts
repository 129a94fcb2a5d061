// The one reader of typed amounts. Every amount field (what was paid, the balance after, a
// tier's minimum, the low-balance threshold) goes through `readAmount`, so "15,50" means the
// same everywhere: fifteen and a half where the number format's decimal is "," (de, fr, es,
// it…), and, where "," groups thousands (en), the decimal reading only when it cannot be a
// group ("15,50" has two digits after the comma, so it is 15.50 there too).
//
// What it reads:
// - digits of any script the keyboard gives (ASCII, full-width "１５", Arabic-Indic…);
// - a currency sign or code before or after ("15 €", "¥8", "HK$50", "EUR 15"), ignored: the
//   currency is the field's picker;
// - "." and "," as the decimal separator or thousands groups, spaces and apostrophes as
//   groups ("1 500,00", "1'500.00"), "。" and "，" as typed by Chinese keyboards;
// - a leading minus sign ("-", "−", "–").
// When a single separator is followed by exactly three digits ("1,500", "1.500") both readings
// are possible: the number format decides, and the result says `ambiguous` with the other
// reading so the field can say how it read it before saving.
//
// The currency's exponent (its number of decimals) comes from the core's currency list. The
// range an amount may have is the core's to check (it names the field when it is out of range).

/** How numbers are written in a locale. */
export type NumberFormat = {
  /** BCP 47 tag the format comes from ("de-DE"). */
  locale: string;
  decimal: "." | ",";
};

/** The decimal separator of a locale ("," for de, fr, es, it; "." for en, zh, ja). A tag
 * that is no locale (a POSIX "C", say) stands for English. */
export function numberFormatOf(locale: string): NumberFormat {
  try {
    const part = new Intl.NumberFormat(locale)
      .formatToParts(1234567.5)
      .find((p) => p.type === "decimal");
    return { locale, decimal: part?.value === "," ? "," : "." };
  } catch {
    return { locale: "en", decimal: "." };
  }
}

export type AmountReading =
  | { kind: "empty" }
  | {
      kind: "ok";
      /** Integer minor units ("15,50" with 2 decimals → 1550). */
      minor: number;
      /** The text allowed another reading; `alternative` is it, in minor units, when valid. */
      ambiguous: boolean;
      alternative: number | null;
    }
  | { kind: "invalid"; reason: "not_a_number" | "too_many_decimals" | "too_large" };

// Digit zeros of the scripts a keyboard may give (ASCII, Arabic-Indic, Extended
// Arabic-Indic, Devanagari, Bengali, Thai, full-width).
const ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10];

function asciiDigits(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9);
    out += zero === undefined ? ch : String(code - zero);
  }
  return out;
}

/** Text without the currency sign or code and the spaces around the number. */
function stripCurrency(text: string): string {
  return text
    .replace(/^[A-Za-z]{0,3}\s*\p{Sc}\s*/u, "")
    .replace(/\s*\p{Sc}$/u, "")
    .replace(/^[A-Za-z]{3}\s+/, "")
    .replace(/\s+[A-Za-z]{3}$/, "")
    .trim();
}

type Parts = { negative: boolean; whole: string; fraction: string };

/** Splits a number with `decimal` as the decimal separator and `group` as grouping. */
function split(body: string, decimal: string, group: string): Parts | null {
  const at = body.lastIndexOf(decimal);
  const wholeText = at < 0 ? body : body.slice(0, at);
  const fraction = at < 0 ? "" : body.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = wholeText.split(group);
  if (groups.length > 1) {
    // Grouped digits: 1,500 / 12,34,567 (Indian) — never empty groups, the last of three.
    if (groups.some((g) => !/^\d+$/.test(g))) return null;
    if (!/^[1-9]\d{0,2}$/.test(groups[0] ?? "")) return null;
    if (groups.slice(1, -1).some((g) => g.length < 2 || g.length > 3)) return null;
    if (groups.at(-1)?.length !== 3) return null;
  } else if (!/^\d*$/.test(wholeText)) {
    return null;
  }
  const whole = groups.join("");
  if (whole === "" && fraction === "") return null;
  return { negative: false, whole, fraction };
}

function toMinor(p: Parts, exponent: number): AmountReading {
  // Decimals past the currency's are allowed only when they are zeros ("8,00" yen is 8).
  const extra = p.fraction.slice(exponent);
  if (/[1-9]/.test(extra)) return { kind: "invalid", reason: "too_many_decimals" };
  const digits =
    (p.whole.replace(/^0+(?=\d)/, "") || "0") + p.fraction.slice(0, exponent).padEnd(exponent, "0");
  const minor = Number.parseInt(digits, 10);
  if (!Number.isSafeInteger(minor)) return { kind: "invalid", reason: "too_large" };
  return {
    kind: "ok",
    minor: p.negative && minor !== 0 ? -minor : minor,
    ambiguous: false,
    alternative: null,
  };
}

/** Reads what the user typed as minor units of a currency with `exponent` decimals. */
export function readAmount(text: string, exponent: number, format: NumberFormat): AmountReading {
  let body = asciiDigits(text.normalize("NFKC")).replace(/。/g, ".").replace(/，/g, ",").trim();
  if (body === "") return { kind: "empty" };
  body = stripCurrency(body);
  let negative = false;
  const sign = /^[-−–]\s*/.exec(body);
  if (sign) {
    negative = true;
    body = body.slice(sign[0].length);
  }
  // Spaces (any width) and apostrophes only ever group digits.
  body = body.replace(/[\s'’]/g, "");
  if (!/^[\d.,]+$/.test(body)) return { kind: "invalid", reason: "not_a_number" };

  const dots = body.split(".").length - 1;
  const commas = body.split(",").length - 1;
  // The readings the text allows, the number format's first.
  let readings: Parts[] = [];
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator.
    const decimal = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const p = split(body, decimal, decimal === "." ? "," : ".");
    if (p) readings = [p];
  } else if (dots + commas === 0) {
    readings = [{ negative: false, whole: body, fraction: "" }];
  } else {
    const sep = dots > 0 ? "." : ",";
    const otherSep = sep === "." ? "," : ".";
    const asDecimal = dots + commas === 1 ? split(body, sep, otherSep) : null;
    const asGroup = split(body, otherSep, sep);
    readings = (sep === format.decimal ? [asDecimal, asGroup] : [asGroup, asDecimal]).filter(
      (p): p is Parts => p !== null,
    );
  }
  const [first, second] = readings.map((p) => toMinor({ ...p, negative }, exponent));
  if (!first) return { kind: "invalid", reason: "not_a_number" };
  if (first.kind !== "ok") return first;
  // The other reading counts when it is a plain one (not more decimals than the currency has,
  // even zeros: "1,000" yen is never one yen).
  const otherPlain = readings[1] !== undefined && readings[1].fraction.length <= exponent;
  if (second?.kind === "ok" && otherPlain && second.minor !== first.minor)
    return { ...first, ambiguous: true, alternative: second.minor };
  return first;
}

/** Minor units as text to put back in a field, in the number format: 1550 → "15,50" (de) or
 * "15.50" (en); whole amounts without decimals (1500 → "15"); no grouping. */
export function amountText(minor: number, exponent: number, format: NumberFormat): string {
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, "0");
  const whole = exponent > 0 ? digits.slice(0, -exponent) : digits;
  const fraction = exponent > 0 ? digits.slice(-exponent) : "";
  const body = fraction && /[1-9]/.test(fraction) ? `${whole}${format.decimal}${fraction}` : whole;
  return negative ? `-${body}` : body;
}
