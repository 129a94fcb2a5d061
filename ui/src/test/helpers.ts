import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { CommandError, Country, Line } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { data } from "../lib/store.svelte";

export const COUNTRIES: Country[] = [
  { code: "PH", callingCode: 63 },
  { code: "GB", callingCode: 44 },
  { code: "HK", callingCode: 852 },
];

export function makeLine(overrides: Partial<Line> = {}): Line {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    e164: "+639123456789",
    displayNumber: "+63 912 345 6789",
    label: "Smart travel",
    country: "PH",
    carrier: "Smart",
    simKind: "physical",
    iccid: null,
    tags: ["travel"],
    notes: "",
    createdAt: "2025-01-12T09:30:00Z",
    updatedAt: "2025-01-12T09:30:00Z",
    archivedAt: null,
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
  mockIPC(async (cmd, payload) => {
    calls.push([cmd, payload]);
    const handler = handlers[cmd];
    if (!handler) throw commandError("internal", null, `unmocked command ${cmd}`);
    return handler((payload ?? {}) as Record<string, unknown>);
  });
  return { calls };
}

export function resetApp(): void {
  clearMocks();
  data.reset();
  setLocale("en");
  window.location.hash = "";
  delete document.documentElement.dataset.ready;
}
