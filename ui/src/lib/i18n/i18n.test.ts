/// <reference types="node" />
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import en from "./en.json";
import zhCN from "./zh-CN.json";
import { format, getLocale, localeFromLanguage, setLocale, STORAGE_KEY, t } from "./index.svelte";

afterEach(() => setLocale("en"));

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("has identical key sets in both locales", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it("uses the same placeholders in both locales", () => {
    for (const [key, value] of Object.entries(en)) {
      expect(placeholders((zhCN as Record<string, string>)[key] ?? ""), key).toEqual(
        placeholders(value),
      );
    }
  });

  it("passes the i18n:check script", () => {
    const script = resolve(process.cwd(), "scripts/i18n-check.mjs");
    const out = execFileSync(process.execPath, [script], { encoding: "utf8" });
    expect(out).toContain("i18n check passed");
  });

  it("maps system languages to the two locales", () => {
    expect(localeFromLanguage("zh")).toBe("zh-CN");
    expect(localeFromLanguage("zh-Hant-HK")).toBe("zh-CN");
    expect(localeFromLanguage("en-GB")).toBe("en");
    expect(localeFromLanguage("fr")).toBe("en");
    expect(localeFromLanguage(undefined)).toBe("en");
  });

  it("switches language, persists the choice and sets <html lang>", () => {
    setLocale("zh-CN");
    expect(getLocale()).toBe("zh-CN");
    expect(localStorage.getItem(STORAGE_KEY)).toBe("zh-CN");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(t("errors.required", { field: t("fields.label") })).toBe("请填写名称");
    setLocale("en");
    expect(t("errors.required", { field: t("fields.label") })).toBe("Name is required");
  });

  it("leaves unknown placeholders alone", () => {
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
