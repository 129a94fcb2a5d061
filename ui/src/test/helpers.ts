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
import { permissionCard, permissionScreen, settings } from "../lib/reminders.svelte";
import { data } from "../lib/store.svelte";

export const COUNTRIES: Country[] = [
  { code: "PH", callingCode: 63 },
  { code: "GB", callingCode: 44 },
  { code: "HK", callingCode: 852 },
];

export const CURRENCIES: Currency[] = [
  { code: "CNY", exponent: 2 },
  { code: "GBP", exponent: 2 },
  { code: "HKD", exponent: 2 },
  { code: "JPY", exponent: 0 },
  { code: "PHP", exponent: 2 },
  { code: "USD", exponent: 2 },
];

export function makeLine(overrides: Partial<Line> = {}): Line {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    e164: "+639123456789",
    displayNumber: "+63 912 345 6789",
    label: "Smart travel",
    country: "PH",
    carrier: "Smart",
    carrierId: null,
    simKind: "physical",
    iccid: null,
    tags: ["travel"],
    notes: "",
    ruleOverride: null,
    lowBalance: null,
    createdAt: "2025-01-12T09:30:00Z",
    updatedAt: "2025-01-12T09:30:00Z",
    archivedAt: null,
    ...overrides,
  };
}

export function makeCarrier(overrides: Partial<Carrier> = {}): Carrier {
  return {
    id: "preset:gb-giffgaff",
    source: "preset",
    basedOn: null,
    nameEn: "giffgaff",
    nameZh: "giffgaff",
    country: "GB",
    zone: "Europe/London",
    rule: {
      kind: "rolling",
      period: { months: 6 },
      qualifying: ["topup", "call", "sms", "data"],
      charged: [],
    },
    grace: null,
    renewalMethods: [],
    balanceCheck: null,
    cheapestAction: null,
    sources: ["giffgaff.com"],
    verified: "2026-11-01",
    confidence: "high",
    notesEn: null,
    notesZh: null,
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<LineSummary> = {}): LineSummary {
  return {
    line: makeLine(),
    carrier: null,
    rule: null,
    ruleSource: "none",
    status: "unknown",
    actBy: null,
    lostAt: null,
    daysLeft: null,
    evaluation: null,
    explanation: null,
    balance: null,
    balanceLow: false,
    lastRenewal: null,
    lastCounted: null,
    uncounted: [],
    needsLastActivity: null,
    eventCount: 0,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: "eeeeeeee-0000-4000-8000-000000000001",
    lineId: "11111111-1111-4111-8111-111111111111",
    occurredAt: "2026-03-03T10:00:00Z",
    kind: "topup",
    amount: { minor: 1000, currency: "GBP" },
    method: "app",
    channel: "paypal",
    reference: "GG-1234",
    note: "",
    balanceAfter: null,
    ...overrides,
  };
}

export function commandError(
  code: string,
  field: CommandError["field"],
  message = `${code} (server message)`,
): CommandError {
  return { code: code as CommandError["code"], field, message };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Installs a fake backend; a handler that throws a CommandError makes the command fail. */
export function backend(handlers: Record<string, Handler>): { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  mockIPC(
    async (cmd, payload) => {
      calls.push([cmd, payload]);
      const handler = handlers[cmd];
      if (!handler) throw commandError("internal", null, `unmocked command ${cmd}`);
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
  return {
    policy: {
      leadsDays: [30, 7, 3, 1, 0],
      timeOfDay: "09:00:00",
      userZone: "Europe/London",
      quietHours: { start: "22:00:00", end: "08:00:00" },
      nagDaily: true,
      balanceCheckEveryDays: null,
    },
    locale: "en",
    autostart: false,
    permission: "granted",
    platform: "desktop",
    ...overrides,
  };
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
  window.location.hash = "";
  delete document.documentElement.dataset.ready;
}
