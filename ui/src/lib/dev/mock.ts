// DEV-ONLY fake backend so the UI can run in a plain browser (vite dev, or `vite build --mode mock`
// for screenshots). main.ts imports it only when there is no Tauri IPC and only in those modes; the
// production build does not contain it. Rules here are rough stand-ins: the real validation and
// formatting live in Rust.
//
// URL switches: ?empty (no saved numbers), ?locale=zh-CN|en, ?slow (600 ms latency).
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CommandError, Country, Line, LineInput, LineQuery } from "../api";
import { isLocale, setLocale } from "../i18n/index.svelte";

const COUNTRIES: Country[] = [
  { code: "PH", callingCode: 63 },
  { code: "GB", callingCode: 44 },
  { code: "HK", callingCode: 852 },
  { code: "US", callingCode: 1 },
  { code: "CN", callingCode: 86 },
  { code: "MO", callingCode: 853 },
  { code: "TW", callingCode: 886 },
  { code: "SG", callingCode: 65 },
  { code: "MY", callingCode: 60 },
  { code: "JP", callingCode: 81 },
  { code: "KR", callingCode: 82 },
  { code: "TH", callingCode: 66 },
  { code: "DE", callingCode: 49 },
  { code: "FR", callingCode: 33 },
  { code: "CA", callingCode: 1 },
  { code: "AU", callingCode: 61 },
];

function sample(): Line[] {
  const at = (d: string) => `${d}T09:30:00Z`;
  const line = (
    l: Partial<Line> & Pick<Line, "id" | "e164" | "displayNumber" | "label">,
  ): Line => ({
    country: "PH",
    carrier: "",
    simKind: "physical",
    iccid: null,
    tags: [],
    notes: "",
    createdAt: at("2025-01-12"),
    updatedAt: at("2025-03-02"),
    archivedAt: null,
    ...l,
  });
  return [
    line({
      id: "0b6f2c1e-0000-4000-8000-000000000001",
      e164: "+639123456789",
      displayNumber: "+63 912 345 6789",
      label: "Smart travel SIM",
      country: "PH",
      carrier: "Smart",
      tags: ["travel", "bank OTP"],
      iccid: "8963012345678901234",
      notes: "Load ₱50 once a year to keep it.",
    }),
    line({
      id: "0b6f2c1e-0000-4000-8000-000000000002",
      e164: "+447700900123",
      displayNumber: "+44 7700 900123",
      label: "giffgaff UK",
      country: "GB",
      carrier: "giffgaff",
      tags: ["PayPal"],
    }),
    line({
      id: "0b6f2c1e-0000-4000-8000-000000000003",
      e164: "+85291234567",
      displayNumber: "+852 9123 4567",
      label: "香港 3HK 储值卡",
      country: "HK",
      carrier: "3HK",
      simKind: "esim",
      tags: ["WhatsApp", "工作"],
    }),
    line({
      id: "0b6f2c1e-0000-4000-8000-000000000004",
      e164: "+12025550143",
      displayNumber: "+1 202-555-0143",
      label: "Ultra PayGo",
      country: "US",
      carrier: "Ultra Mobile",
      simKind: "esim",
    }),
    line({
      id: "0b6f2c1e-0000-4000-8000-000000000005",
      e164: "+85261234567",
      displayNumber: "+852 6123 4567",
      label: "Old CMHK card",
      country: "HK",
      carrier: "CMHK",
      archivedAt: at("2025-02-20"),
    }),
  ];
}

function fail(code: CommandError["code"], field: CommandError["field"], message: string): never {
  throw { code, field, message } satisfies CommandError;
}

function validate(input: LineInput, lines: Line[], selfId: string | null): { e164: string } {
  const cc = COUNTRIES.find((c) => c.code === input.country);
  if (!cc) fail("invalid_country", "country", "unknown country");
  if (!input.number.trim()) fail("required", "number", "number is required");
  let digits = input.number.replace(/[^\d+]/g, "");
  if (!digits.startsWith("+")) digits = `+${cc.callingCode}${digits.replace(/^0/, "")}`;
  if (!/^\+\d{8,15}$/.test(digits)) fail("invalid_number", "number", "not a valid phone number");
  if (!input.label.trim()) fail("required", "label", "label is required");
  if (input.label.length > 80) fail("too_long", "label", "label is too long");
  if (input.iccid && !/^\d{18,22}$/.test(input.iccid)) fail("invalid_iccid", "iccid", "bad iccid");
  if (lines.some((l) => l.e164 === digits && l.id !== selfId))
    fail("duplicate_number", "number", "number already exists");
  return { e164: digits };
}

export function installMockBackend(params: URLSearchParams): void {
  const locale = params.get("locale");
  if (isLocale(locale)) setLocale(locale);
  const delay = params.has("slow") ? 600 : 40;
  let lines = params.has("empty") ? [] : sample();
  let counter = 100;

  const find = (id: string): Line => {
    const line = lines.find((l) => l.id === id);
    return line ?? fail("not_found", "id", "line not found");
  };
  const save = (input: LineInput, existing: Line | null): Line => {
    const { e164 } = validate(input, lines, existing?.id ?? null);
    const now = new Date().toISOString();
    const cc = COUNTRIES.find((c) => c.code === input.country)?.callingCode ?? 0;
    const national = e164.slice(String(cc).length + 1);
    return {
      id: existing?.id ?? `0b6f2c1e-0000-4000-8000-${String(counter++).padStart(12, "0")}`,
      e164,
      displayNumber: `+${cc} ${national.replace(/(\d{3,4})(?=(\d{4})+$)/g, "$1 ")}`,
      label: input.label.trim(),
      country: input.country,
      carrier: input.carrier,
      simKind: input.simKind,
      iccid: input.iccid,
      tags: input.tags,
      notes: input.notes,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      archivedAt: existing?.archivedAt ?? null,
    };
  };

  mockIPC(async (cmd, payload) => {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "country_list":
        return COUNTRIES;
      case "app_info":
        return { version: "0.0.0-mock", dataDir: "/mock", schemaVersion: 1, locale: null };
      case "line_list": {
        const query = args.query as LineQuery;
        const needle = query.search?.toLowerCase() ?? "";
        const digits = needle.replace(/\D/g, "");
        return lines.filter((l) => {
          if (query.archive === "active" && l.archivedAt) return false;
          if (query.archive === "archived" && !l.archivedAt) return false;
          if (!needle) return true;
          return (
            l.label.toLowerCase().includes(needle) ||
            l.tags.some((tag) => tag.toLowerCase().includes(needle)) ||
            (digits.length > 0 && l.e164.includes(digits))
          );
        });
      }
      case "line_get":
        return find(args.id as string);
      case "line_create": {
        const line = save(args.input as LineInput, null);
        lines = [...lines, line];
        return line;
      }
      case "line_update": {
        const line = save(args.input as LineInput, find(args.id as string));
        lines = lines.map((l) => (l.id === line.id ? line : l));
        return line;
      }
      case "line_set_archived": {
        const old = find(args.id as string);
        const line = { ...old, archivedAt: args.archived ? new Date().toISOString() : null };
        lines = lines.map((l) => (l.id === line.id ? line : l));
        return line;
      }
      case "line_delete":
        find(args.id as string);
        lines = lines.filter((l) => l.id !== args.id);
        return null;
      default:
        fail("internal", null, `mock: unknown command ${cmd}`);
    }
  });
}
