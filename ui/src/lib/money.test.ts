import { describe, expect, it } from "vitest";
import { formatMoney, minorToText, parseAmount } from "./money";

describe("money", () => {
  it("turns typed amounts into integer minor units with the currency's exponent", () => {
    expect(parseAmount("50", 2)).toEqual({ kind: "ok", minor: 5000 });
    expect(parseAmount("10.5", 2)).toEqual({ kind: "ok", minor: 1050 });
    expect(parseAmount("10.50", 2)).toEqual({ kind: "ok", minor: 1050 });
    expect(parseAmount("1000", 0)).toEqual({ kind: "ok", minor: 1000 });
    expect(parseAmount("1,000.25", 2)).toEqual({ kind: "ok", minor: 100025 });
    expect(parseAmount("0.1", 2)).toEqual({ kind: "ok", minor: 10 });
    expect(parseAmount(".5", 2)).toEqual({ kind: "ok", minor: 50 });
    expect(parseAmount("-3.2", 2)).toEqual({ kind: "ok", minor: -320 });
    expect(parseAmount("  ", 2)).toEqual({ kind: "empty" });
    expect(parseAmount("10.555", 2)).toEqual({ kind: "invalid" });
    expect(parseAmount("1.5", 0)).toEqual({ kind: "invalid" });
    expect(parseAmount("abc", 2)).toEqual({ kind: "invalid" });
    expect(parseAmount(".", 2)).toEqual({ kind: "invalid" });
  });

  it("puts minor units back as text and formats them for display", () => {
    expect(minorToText(5000, 2)).toBe("50");
    expect(minorToText(1050, 2)).toBe("10.50");
    expect(minorToText(5, 2)).toBe("0.05");
    expect(minorToText(1000, 0)).toBe("1000");
    expect(minorToText(-320, 2)).toBe("-3.20");
    expect(formatMoney({ minor: 5000, currency: "HKD" }, "en")).toBe("HK$50.00");
    expect(formatMoney({ minor: 1000, currency: "JPY" }, "en")).toBe("¥1,000");
    expect(formatMoney({ minor: 1050, currency: "GBP" }, "en")).toBe("£10.50");
  });
});
