// A tiny reactive i18n helper: `t(key, params)` reads the current locale from a rune, so any
// template that calls it re-renders when the locale changes. Keys are typed from en.json, and
// scripts/i18n-check.mjs makes sure zh-CN.json has exactly the same keys and that every key the
// code uses exists.
import en from "./en.json";
import zhCN from "./zh-CN.json";

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export const STORAGE_KEY = "baohao.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** zh, zh-CN, zh-Hans-SG… -> zh-CN; anything else -> en. */
export function localeFromLanguage(language: string | undefined | null): Locale {
  return language && language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

function readStored(): Locale | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function initialLocale(): Locale {
  return readStored() ?? localeFromLanguage(globalThis.navigator?.language);
}

const startLocale = initialLocale();
let current = $state<Locale>(startLocale);

function applyToDocument(locale: Locale): void {
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}
applyToDocument(startLocale);

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  applyToDocument(locale);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this session.
  }
}

export type Params = Record<string, string | number>;

export function format(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Params): string {
  const message = catalogs[current][key] ?? catalogs.en[key] ?? key;
  return format(message, params);
}
