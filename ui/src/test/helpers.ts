import "@testing-library/jest-dom/vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type {
  Carrier,
  CommandError,
  Country,
  Currency,
  Event,
  Line,
  LineSummary,
} from "../lib/api";
import { emit } from "@tauri-apps/api/event";
import type { OpenTarget, Settings } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { setNumberLocale } from "../lib/numberFormat.svelte";
import { permissionCard, permissionScreen, settings } from "../lib/reminders.svelte";
import { data } from "../lib/store.svelte";
import { fixtures } from "./fixtures";

// Every test starts from what the real core answers (src/test/fixtures.ts); a test changes
// only the parts it is about.

/** A few of the core's countries, for short lists. */
export const COUNTRIES: Country[] = fixtures.countries.filter((c) =>
  ["PH", "GB", "HK"].includes(c.code),
);

export const CURRENCIES: Currency[] = fixtures.currencies;

/** The core's answers for what every screen reads besides its own data. */
export const FACTS = {
  app_info: () => fixtures.appInfo,
  currency_list: () => fixtures.currencies,
  limits_get: () => fixtures.limits,
  zone_list: () => fixtures.zones,
  country_list: () => COUNTRIES,
};

export function makeLine(overrides: Partial<Line> = {}): Line {
  return { ...fixtures.summary("smart").line, ...overrides };
}

export function makeCarrier(overrides: Partial<Carrier> = {}): Carrier {
  return { ...fixtures.carrier("preset:gb-giffgaff"), ...overrides };
}

/** A line without a rule (the sample's spare number), changed by `overrides`. */
export function makeSummary(overrides: Partial<LineSummary> = {}): LineSummary {
  return { ...fixtures.summary("spare"), line: makeLine(), ...overrides };
}

/** The giffgaff sample's top-up (GBP 10, order GG-4410-2291), changed by `overrides`. */
export function makeEvent(overrides: Partial<Event> = {}): Event {
  const topup = fixtures.events("giffgaff").find((e) => e.kind === "topup")!;
  return { ...topup, ...overrides };
}

/** An error the core really gives (see fixtures.error). */
export function commandError(code: string, field: CommandError["field"]): CommandError {
  return fixtures.error(code as CommandError["code"], field);
}

/** An error with a code the core does not have (to test the fallback). */
export function unknownError(code: string, message: string): CommandError {
  return { code: code as CommandError["code"], field: null, message };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Installs a fake backend; a handler that throws a CommandError makes the command fail. */
export function backend(handlers: Record<string, Handler>): { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const all: Record<string, Handler> = { ...FACTS, ...handlers };
  mockIPC(
    async (cmd, payload) => {
      calls.push([cmd, payload]);
      const handler = all[cmd];
      if (!handler) throw unknownError("internal", `unmocked command ${cmd}`);
      return handler((payload ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
  return { calls };
}

/** The arguments of every call to `cmd`, in order. */
export function argsOf<T = Record<string, unknown>>(calls: [string, unknown][], cmd: string): T[] {
  return calls.filter(([c]) => c === cmd).map(([, a]) => a as T);
}

export function makeSettings(overrides: Partial<Settings> = {}): Settings {
  return { ...fixtures.settings("en"), ...overrides };
}

/** What Rust sends when a notification is tapped. */
export function emitOpenTarget(target: OpenTarget): Promise<void> {
  return emit("open-target", target);
}

export function resetApp(): void {
  clearMocks();
  data.reset();
  settings.reset();
  permissionCard.reset();
  permissionScreen.returnTo = "#/";
  setLocale("en");
  setNumberLocale("en-GB");
  window.location.hash = "";
  delete document.documentElement.dataset.ready;
}
