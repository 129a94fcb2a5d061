import { describe, expect, it } from "vitest";
import { amountText, numberFormatOf, readAmount } from "./amount";
import type { NumberFormat } from "./amount";
import { exponentOf, formatMoney, readMoney } from "./money";
import { fixtures } from "../test/fixtures";

const en = numberFormatOf("en-GB");
const de = numberFormatOf("de-DE");
const fr = numberFormatOf("fr-FR");
const es = numberFormatOf("es-ES");
const it_ = numberFormatOf("it-IT");

// Exponents from the core's currency list, as the fields get them.
const currencies = fixtures.currencies;
const EUR = exponentOf("EUR", currencies)!;
const JPY = exponentOf("JPY", currencies)!;
const BHD = exponentOf("BHD", currencies)!;

const ok = (minor: number) => ({ kind: "ok", minor, ambiguous: false, alternative: null });
const ambiguous = (minor: number, alternative: number) => ({
  kind: "ok",
  minor,
  ambiguous: true,
  alternative,
});

describe("the number format", () => {
  it("comes from the locale", () => {
    expect(en.decimal).toBe(".");
    for (const f of [de, fr, es, it_]) expect(f.decimal).toBe(",");
    expect(numberFormatOf("zh-CN").decimal).toBe(".");
    expect(numberFormatOf("not a locale")).toEqual({ locale: "en", decimal: "." });
    expect(numberFormatOf("c")).toEqual({ locale: "en", decimal: "." });
  });

  it("and the currencies' decimals come from the core", () => {
    expect([EUR, JPY, BHD]).toEqual([2, 0, 3]);
    expect(exponentOf("XYZ", currencies)).toBeNull();
  });
});

describe("readAmount", () => {
  it.each<[string, NumberFormat, number, object]>([
    ["15", en, EUR, ok(1500)],
    ["15", de, EUR, ok(1500)],
    ["15.5", en, EUR, ok(1550)],
    ["15.5", de, EUR, ok(1550)],
    ["15,50", de, EUR, ok(1550)],
    ["15,50", fr, EUR, ok(1550)],
    ["15,50", es, EUR, ok(1550)],
    ["15,50", it_, EUR, ok(1550)],
    ["15,50", en, EUR, ok(1550)],
    ["15,00", de, EUR, ok(1500)],
    ["1,500.00", en, EUR, ok(150000)],
    ["1,500.00", de, EUR, ok(150000)],
    ["1.500,00", de, EUR, ok(150000)],
    ["1.500,00", en, EUR, ok(150000)],
    ["1 500,00", fr, EUR, ok(150000)],
    ["1\u202f500,00", fr, EUR, ok(150000)],
    ["1'500.00", en, EUR, ok(150000)],
    ["1,234,567.89", en, EUR, ok(123456789)],
    ["12,34,567.00", numberFormatOf("en-IN"), EUR, ok(123456700)],
    ["１５", en, EUR, ok(1500)],
    ["１５．５", en, EUR, ok(1550)],
    ["１５．５", de, EUR, ok(1550)],
    ["１５，５", de, EUR, ok(1550)],
    ["15。5", en, EUR, ok(1550)],
    ["١٥", en, EUR, ok(1500)],
    ["15 €", de, EUR, ok(1500)],
    ["15,50 €", de, EUR, ok(1550)],
    ["€15", en, EUR, ok(1500)],
    ["EUR 15", en, EUR, ok(1500)],
    ["15 eur", en, EUR, ok(1500)],
    ["HK$50", en, EUR, ok(5000)],
    ["¥8", en, JPY, ok(8)],
    ["¥1,000", en, JPY, ok(1000)],
    ["8,00", de, JPY, ok(8)],
    [".5", en, EUR, ok(50)],
    ["15.", en, EUR, ok(1500)],
    ["0.005", en, BHD, ok(5)],
    ["-3.20", en, EUR, ok(-320)],
    ["−3,20", de, EUR, ok(-320)],
    ["  7  ", en, EUR, ok(700)],
  ])("%s in %s", (text, format, exponent, expected) => {
    expect(readAmount(text, exponent, format)).toEqual(expected);
  });

  it("reads '1,500' the number format's way and says so, with the other reading", () => {
    // Where "," is the decimal separator it is one and a half; where it groups, 1,500.
    expect(readAmount("1,500", EUR, de)).toEqual(ambiguous(150, 150000));
    expect(readAmount("1,500", EUR, fr)).toEqual(ambiguous(150, 150000));
    expect(readAmount("1.500", EUR, en)).toEqual(ambiguous(150, 150000));
    // Read as groups, the other reading would need more decimals than euros have: not a
    // reading anyone means.
    expect(readAmount("1,500", EUR, en)).toEqual(ok(150000));
    expect(readAmount("1.500", EUR, de)).toEqual(ok(150000));
    // Yen has no decimals: only one reading is possible.
    expect(readAmount("1,500", JPY, en)).toEqual(ok(1500));
    expect(readAmount("¥1,000", JPY, de)).toEqual({
      kind: "ok",
      minor: 1,
      ambiguous: true,
      alternative: 1000,
    });
    // Several groups can only be groups.
    expect(readAmount("1.500.000", EUR, de)).toEqual(ok(150000000));
  });

  it("says what is wrong with what it cannot read", () => {
    expect(readAmount("", EUR, en)).toEqual({ kind: "empty" });
    expect(readAmount("   ", EUR, de)).toEqual({ kind: "empty" });
    for (const text of ["abc", ".", "1.2.3", "1,50,0", "15 apples", "--5", "1e5", "0x10"])
      expect(readAmount(text, EUR, en), text).toEqual({ kind: "invalid", reason: "not_a_number" });
    expect(readAmount("10.555", EUR, en)).toEqual({ kind: "invalid", reason: "too_many_decimals" });
    expect(readAmount("10,555", EUR, de)).toEqual({ kind: "invalid", reason: "too_many_decimals" });
    expect(readAmount("8.5", JPY, en)).toEqual({ kind: "invalid", reason: "too_many_decimals" });
    expect(readAmount("8,5", JPY, de)).toEqual({ kind: "invalid", reason: "too_many_decimals" });
    expect(readAmount("99999999999999999999", EUR, en)).toEqual({
      kind: "invalid",
      reason: "too_large",
    });
    // Huge but representable: read exactly; whether it is allowed is the core's to say.
    expect(readAmount("90,071,992,547,409.91", EUR, en)).toEqual(ok(9007199254740991));
  });
});

describe("amounts shown back", () => {
  it("put minor units back in a field in the number format, meaning what was typed", () => {
    expect(amountText(1550, EUR, de)).toBe("15,50");
    expect(amountText(1550, EUR, en)).toBe("15.50");
    expect(amountText(1500, EUR, de)).toBe("15");
    expect(amountText(5, EUR, en)).toBe("0.05");
    expect(amountText(1000, JPY, de)).toBe("1000");
    expect(amountText(-320, EUR, de)).toBe("-3,20");
    for (const [text, format] of [
      ["15,50", de],
      ["1.500,00", de],
      ["1,500.00", en],
      ["0,05", fr],
    ] as const) {
      const read = readAmount(text, EUR, format);
      if (read.kind !== "ok") throw new Error(text);
      expect(readAmount(amountText(read.minor, EUR, format), EUR, format)).toMatchObject({
        minor: read.minor,
      });
    }
  });

  it("format money for display in the number format", () => {
    expect(formatMoney({ minor: 1500, currency: "EUR" }, currencies, de)).toBe("15,00\u00a0€");
    expect(formatMoney({ minor: 5000, currency: "HKD" }, currencies, en)).toBe("HK$50.00");
    expect(formatMoney({ minor: 1000, currency: "JPY" }, currencies, en)).toBe("JP¥1,000");
    expect(formatMoney({ minor: 5, currency: "BHD" }, currencies, en)).toBe("BHD\u00a00.005");
  });

  it("read a field with its currency", () => {
    expect(readMoney("15,00", "eur", currencies, de)).toMatchObject({
      kind: "ok",
      money: { minor: 1500, currency: "EUR" },
    });
    expect(readMoney("", "EUR", currencies, de)).toEqual({ kind: "empty" });
    expect(readMoney("8.5", "JPY", currencies, en)).toEqual({
      kind: "invalid",
      reason: "too_many_decimals",
    });
  });
});
