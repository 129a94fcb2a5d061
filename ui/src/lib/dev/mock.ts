// DEV-ONLY backend so the UI can run in a plain browser (vite dev, or `vite build --mode mock`
// for screenshots). main.ts imports it only when there is no Tauri IPC and only in those
// modes; the production build does not contain it.
//
// It computes nothing: every answer is one the real core gave through real IPC, recorded in
// ./fixtures/replay.json by `make fixtures` (a Rust test fails when that file is stale). A
// command called with arguments that were never recorded answers with a structured error
// saying so. Recorded writes move to the state they led to (the sample → "renewed" after
// saving "I renewed" on the giffgaff number as it opens).
//
// URL switches: ?empty (nothing saved), ?locale=zh-CN|en, ?numberLocale=de-DE (the OS's
// number format), ?slow (600 ms latency), ?platform=android|ios|desktop (default desktop),
// ?permission=prompt|denied|granted (default: granted on desktop, prompt on mobile), ?deny
// (the permission request answers "denied"), ?pending=<line id>|needs (a notification tapped
// before the page listened). The platform switches describe the device the UI runs on, which
// the recording machine was not; they replace those fields of the recorded settings.
// `window.__baohaoMock.openTarget(lineId | null)` imitates a tap on a notification.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, CommandError, Permission, Platform, Settings } from "../api";
import { isLocale, setLocale } from "../i18n/index.svelte";
import { lookup } from "./replay";

<<<<<<< HEAD
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

const CURRENCIES: Currency[] = [
  "AUD:2 CAD:2 CNY:2 EUR:2 GBP:2 HKD:2 IDR:2 JPY:0 KRW:0 MOP:2 MYR:2 NZD:2 PHP:2 SGD:2",
  "THB:2 TWD:2 UAH:2 USD:2 VND:0",
]
  .join(" ")
  .split(" ")
  .map((pair) => {
    const [code = "", exponent = "2"] = pair.split(":");
    return { code, exponent: Number(exponent) };
  });

const PRESETS = presetData as unknown as Carrier[];
const DAY = 86_400_000;
const now = () => Date.now();
const daysAgo = (n: number, hour = 10) => {
  const d = new Date(now() - n * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
};
const id = (n: number) => `0b6f2c1e-0000-4000-8000-${String(n).padStart(12, "0")}`;

function sample(): { lines: Line[]; events: (Event & { deleted?: boolean })[] } {
  const line = (
    l: Partial<Line> & Pick<Line, "id" | "e164" | "displayNumber" | "label">,
  ): Line => ({
    country: "PH",
    carrier: "",
    carrierId: null,
    simKind: "physical",
    iccid: null,
    tags: [],
    notes: "",
    ruleOverride: null,
    lowBalance: null,
    createdAt: daysAgo(900),
    updatedAt: daysAgo(40),
    archivedAt: null,
    ...l,
  });
  const lines = [
    line({
      id: id(1),
      e164: "+639123456789",
      displayNumber: "+63 912 345 6789",
      label: "Smart travel SIM",
      country: "PH",
      carrier: "Smart",
      carrierId: "preset:ph-smart",
      tags: ["travel", "bank OTP"],
      iccid: "8963012345678901234",
      notes: "Load ₱50 once a year to keep it.",
    }),
    line({
      id: id(2),
      e164: "+447700900123",
      displayNumber: "+44 7700 900123",
      label: "giffgaff UK",
      country: "GB",
      carrier: "giffgaff",
      carrierId: "preset:gb-giffgaff",
      tags: ["PayPal"],
      lowBalance: { minor: 500, currency: "GBP" },
    }),
    line({
      id: id(3),
      e164: "+85291234567",
      displayNumber: "+852 9123 4567",
      label: "香港 3HK 储值卡",
      country: "HK",
      carrier: "3HK",
      carrierId: "preset:hk-3hk",
      simKind: "esim",
      tags: ["WhatsApp", "工作"],
      ruleOverride: {
        rule: {
          kind: "topup_validity",
          tiers: [
            { minAmount: { minor: 5000, currency: "HKD" }, days: 90, months: 0 },
            { minAmount: { minor: 10000, currency: "HKD" }, days: 180, months: 0 },
          ],
          stack: false,
          capDays: null,
        },
        grace: { days: 30, months: 0, mode: "restricted", atZeroBalance: false },
        zone: "Asia/Hong_Kong",
      },
    }),
    line({
      id: id(4),
      e164: "+12025550143",
      displayNumber: "+1 202-555-0143",
      label: "Ultra PayGo",
      country: "US",
      carrier: "Ultra Mobile",
      carrierId: "preset:us-ultra",
      simKind: "esim",
    }),
    line({
      id: id(5),
      e164: "+447700900456",
      displayNumber: "+44 7700 900456",
      label: "Old ASDA number",
      country: "GB",
      carrier: "ASDA Mobile",
      carrierId: "preset:gb-asda",
    }),
    line({
      id: id(6),
      e164: "+6591234567",
      displayNumber: "+65 9123 4567",
      label: "Singapore spare",
      country: "SG",
      carrier: "Lebara",
    }),
    line({
      id: id(7),
      e164: "+85261234567",
      displayNumber: "+852 6123 4567",
      label: "Old CMHK card",
      country: "HK",
      carrier: "CMHK",
      carrierId: "preset:hk-cmhk",
      archivedAt: daysAgo(200),
    }),
  ];
  let n = 1;
  const ev = (lineId: string, e: Partial<Event> & Pick<Event, "occurredAt" | "kind">): Event => ({
    id: `eeeeeeee-0000-4000-8000-${String(n++).padStart(12, "0")}`,
    lineId,
    amount: null,
    method: null,
    channel: null,
    reference: "",
    note: "",
    balanceAfter: null,
    ...e,
  });
  const events = [
    ev(id(1), {
      occurredAt: daysAgo(100),
      kind: "topup",
      amount: { minor: 5000, currency: "PHP" },
      method: "app",
      channel: "voucher",
      reference: "SMRT-88213",
      balanceAfter: { minor: 6250, currency: "PHP" },
    }),
    ev(id(1), {
      occurredAt: daysAgo(480),
      kind: "topup",
      amount: { minor: 5000, currency: "PHP" },
    }),
    ev(id(2), {
      occurredAt: daysAgo(171),
      kind: "call",
      method: "app",
      note: "Called the voicemail, 1 min",
      balanceAfter: { minor: 320, currency: "GBP" },
    }),
    ev(id(2), {
      occurredAt: daysAgo(380),
      kind: "topup",
      amount: { minor: 1000, currency: "GBP" },
      method: "web",
      channel: "paypal",
      reference: "GG-4410-2291",
    }),
    ev(id(3), {
      occurredAt: daysAgo(183),
      kind: "topup",
      amount: { minor: 10000, currency: "HKD" },
      method: "shop",
      channel: "alipay",
      reference: "7-Eleven 0192",
      note: "储值卡，7-Eleven 购买",
    }),
    ev(id(4), {
      occurredAt: daysAgo(12),
      kind: "plan_payment",
      amount: { minor: 300, currency: "USD" },
      method: "auto_renew",
      channel: "bank_card",
    }),
    ev(id(5), {
      occurredAt: daysAgo(300),
      kind: "topup",
      amount: { minor: 1000, currency: "GBP" },
      method: "shop",
    }),
  ];
  return { lines, events };
}

type MockEvent = Event & { deleted?: boolean };

function addPeriod(date: Date, period: Period, sign = 1): Date {
  const d = new Date(date);
  if ("months" in period && typeof period.months === "number") {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + sign * period.months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  } else {
    d.setUTCDate(d.getUTCDate() + sign * (period as { days: number }).days);
  }
  return d;
}

const endOfDay = (d: Date) =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59));
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const enDate = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(d);
const zhDate = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
const periodEn = (p: Period) =>
  "months" in p && typeof p.months === "number"
    ? `${p.months} month${p.months === 1 ? "" : "s"}`
    : `${(p as { days: number }).days} days`;
const periodZh = (p: Period) =>
  "months" in p && typeof p.months === "number"
    ? `${p.months} 个月`
    : `${(p as { days: number }).days} 天`;

function evaluate(
  line: Line,
  spec: RuleSpec | null,
  events: readonly Event[],
): Pick<LineSummary, "status" | "actBy" | "lostAt" | "daysLeft" | "explanation"> {
  const none = { status: "unknown" as Status, actBy: null, lostAt: null, daysLeft: null };
  if (!spec) return { ...none, explanation: null };
  const rule = spec.rule;
  let base: Date | null = null;
  let actBy: Date | null = null;
  let causeEn = "";
  let causeZh = "";
  const sorted = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  if (rule.kind === "rolling") {
    const last = sorted.find((e) => rule.qualifying.includes(e.kind));
    base = new Date(last?.occurredAt ?? line.createdAt);
    actBy = addPeriod(base, rule.period);
    causeEn = `${periodEn(rule.period)} after your last ${last?.kind ?? "activity"} on ${enDate(base)}`;
    causeZh = `自 ${zhDate(base)} 最近一次使用起 ${periodZh(rule.period)}`;
  } else if (rule.kind === "topup_validity") {
    for (const e of sorted) {
      if (e.kind !== "topup" || !e.amount) continue;
      const tier = [...rule.tiers]
        .reverse()
        .find(
          (t) =>
            t.minAmount.currency === e.amount?.currency &&
            (e.amount.minor ?? 0) >= (t.minAmount.minor ?? 0),
        );
      if (!tier) continue;
      const start = new Date(e.occurredAt);
      const end = addPeriod(addPeriod(start, { months: tier.months }), { days: tier.days });
      if (!actBy || end > actBy) {
        actBy = end;
        base = start;
        const v = tier.months ? `${tier.months} months` : `${tier.days} days`;
        const vz = tier.months ? `${tier.months} 个月` : `${tier.days} 天`;
        const amount = `${e.amount.currency} ${(e.amount.minor ?? 0) / 100}`;
        causeEn = `${v} after your top-up of ${amount} on ${enDate(start)}`;
        causeZh = `自 ${zhDate(start)} 充值 ${amount} 起 ${vz}`;
      }
    }
    if (!actBy) {
      const en = "No top-up logged yet: log your last top-up to see the deadline";
      return { ...none, explanation: { en, zhCn: "尚未记录充值：记录最近一次充值即可计算期限" } };
    }
  } else if (rule.kind === "fixed_expiry") {
    actBy = new Date(`${rule.expiresOn}T00:00:00Z`);
    causeEn = "Expiry date reported by the carrier";
    causeZh = "运营商告知的到期日";
  } else if (rule.kind === "balance") {
    // The dev mock does not replay balances (Rust does): no deadline.
    return { ...none, explanation: null };
  } else {
    const last = sorted.find((e) => e.kind === "plan_payment" || e.kind === "topup");
    base = new Date(last?.occurredAt ?? line.createdAt);
    actBy = addPeriod(addPeriod(base, rule.period), { days: 1 }, -1);
    causeEn = `Plan renews every ${periodEn(rule.period)}; the paid cycle started on ${enDate(base)}`;
    causeZh = `套餐每 ${periodZh(rule.period)} 续期，已付周期自 ${zhDate(base)} 起`;
  }
  const act = endOfDay(actBy);
  const grace = spec.grace;
  const lost = grace
    ? endOfDay(addPeriod(addPeriod(act, { months: grace.months }), { days: grace.days }))
    : act;
  const today = endOfDay(new Date(now()));
  const daysLeft = Math.round((act.getTime() - today.getTime()) / DAY);
  const t = now();
  const status: Status =
    t > lost.getTime()
      ? "lost"
      : t > act.getTime()
        ? "overdue"
        : daysLeft <= 30
          ? "due_soon"
          : "ok";
  let en = `${causeEn} → ${enDate(act)} 23:59 ${spec.zone.split("/").pop()?.replace(/_/g, " ")} time`;
  let zh = `${causeZh} → ${spec.zone} 时间 ${zhDate(act)} 23:59`;
  if (grace && lost > act) {
    en += `; then ${grace.days} days of ${grace.mode.replace("_", " ")} → number lost after ${enDate(lost)}`;
    zh += `；之后 ${grace.days} 天宽限期，${zhDate(lost)} 后号码失效`;
  }
  return {
    status,
    actBy: iso(act),
    lostAt: iso(lost),
    daysLeft,
    explanation: { en, zhCn: zh },
  };
}

const URGENCY: Record<Status, number> = { overdue: 0, due_soon: 1, ok: 2, unknown: 3, lost: 4 };

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

function checkMoney(money: Money | null, field: CommandError["field"]): void {
  if (!money) return;
  if (!CURRENCIES.some((c) => c.code === money.currency))
    fail("invalid_currency", "currency", "unknown currency");
  if (money.minor === null || Math.abs(money.minor) > 1e9) fail("out_of_range", field, "amount");
}

function checkEvent(input: EventInput): void {
  const at = Date.parse(input.occurredAt);
  if (Number.isNaN(at)) fail("required", "occurredAt", "date is required");
  if (at > now() + 2 * DAY || at < Date.UTC(1990, 0, 1))
    fail("out_of_range", "occurredAt", "event date out of range");
  if (input.amount && (input.amount.minor ?? 0) < 0) fail("out_of_range", "amount", "negative");
  checkMoney(input.amount, "amount");
  checkMoney(input.balanceAfter, "balanceAfter");
  if (input.reference.length > 100) fail("too_long", "reference", "reference too long");
}

function checkSpec(spec: RuleSpec): void {
  if (!/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(spec.zone) || spec.zone.length < 3)
    fail("invalid_zone", "zone", "unknown zone");
  const rule = spec.rule;
  const positive = (p: Period) =>
    "months" in p && typeof p.months === "number" ? p.months > 0 : (p as { days: number }).days > 0;
  if ((rule.kind === "rolling" || rule.kind === "recurring_plan") && !positive(rule.period))
    fail("out_of_range", "period", "zero period");
  if (rule.kind === "rolling" && rule.qualifying.length === 0)
    fail("required", "qualifying", "no qualifying activity");
  if (rule.kind === "fixed_expiry" && !rule.expiresOn) fail("required", "expiresOn", "no date");
  if (rule.kind === "topup_validity") {
    if (rule.tiers.length === 0) fail("required", "tiers", "no tiers");
    for (let i = 1; i < rule.tiers.length; i++) {
      if ((rule.tiers[i]?.minAmount.minor ?? 0) <= (rule.tiers[i - 1]?.minAmount.minor ?? 0))
        fail("tiers_out_of_order", "tiers", "tiers out of order");
    }
  }
=======
function notRecorded(cmd: string, args: unknown): never {
  throw {
    code: "internal",
    field: null,
    message: `dev mode replays what the core answered; ${cmd} ${JSON.stringify(args)} was not recorded (see make fixtures)`,
  } satisfies CommandError;
>>>>>>> issue9
}

export function installMockBackend(params: URLSearchParams): void {
  const locale = params.get("locale");
  if (isLocale(locale)) setLocale(locale);
  const delay = params.has("slow") ? 600 : 80;

  let state = params.has("empty") ? "empty" : "sample";
  let lang: string | null = null;

<<<<<<< HEAD
  const summarize = (line: Line): LineSummary => {
    const carrier = findCarrier(line.carrierId);
    const spec: RuleSpec | null =
      line.ruleOverride ??
      (carrier?.rule ? { rule: carrier.rule, grace: carrier.grace, zone: carrier.zone } : null);
    const list = liveEvents(line.id);
    const balanceEvent = list.find((e) => e.balanceAfter);
    const balance = balanceEvent?.balanceAfter
      ? { amount: balanceEvent.balanceAfter, at: balanceEvent.occurredAt }
      : null;
    const low = line.lowBalance;
    return {
      line,
      carrier,
      rule: spec,
      ruleSource: line.ruleOverride ? "line" : spec ? "carrier" : "none",
      ...evaluate(line, spec, list),
      evaluation: null,
      balance,
      balanceLow:
        !!balance &&
        !!low &&
        balance.amount.currency === low.currency &&
        (balance.amount.minor ?? 0) < (low.minor ?? 0),
      lastRenewal: (list.find((e) => e.kind !== "balance_check") as Event | undefined) ?? null,
      lastCounted: (list.find((e) => e.kind !== "balance_check") as Event | undefined) ?? null,
      uncounted: [],
      needsLastActivity: null,
      eventCount: list.length,
    };
  };

  const save = (input: LineInput, existing: Line | null): Line => {
    const { e164 } = validate(input, lines, existing?.id ?? null);
    const stamp = new Date().toISOString();
    const cc = COUNTRIES.find((c) => c.code === input.country)?.callingCode ?? 0;
    const national = e164.slice(String(cc).length + 1);
    return {
      id: existing?.id ?? id(counter++),
      e164,
      displayNumber: `+${cc} ${national.replace(/(\d{3,4})(?=(\d{4})+$)/g, "$1 ")}`,
      label: input.label.trim(),
      country: input.country,
      carrier: input.carrier,
      carrierId: input.carrierId,
      simKind: input.simKind,
      iccid: input.iccid,
      tags: input.tags,
      notes: input.notes,
      ruleOverride: existing?.ruleOverride ?? null,
      lowBalance: existing?.lowBalance ?? null,
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
      archivedAt: existing?.archivedAt ?? null,
    };
  };
  const update = (line: Line) => {
    lines = lines.map((l) => (l.id === line.id ? line : l));
    return line;
  };
  const carrierFrom = (input: CarrierInput, carrierId: string): Carrier => {
    if (!input.nameEn.trim()) fail("required", "nameEn", "name is required");
    if (!COUNTRIES.some((c) => c.code === input.country))
      fail("invalid_country", "country", "unknown country");
    if (input.rule) checkSpec({ rule: input.rule, grace: input.grace, zone: input.zone });
    return {
      id: carrierId,
      source: "user",
      basedOn: input.basedOn,
      nameEn: input.nameEn,
      nameZh: input.nameZh,
      country: input.country,
      zone: input.zone,
      rule: input.rule,
      grace: input.grace,
      renewalMethods: input.renewalMethods,
      balanceCheck: input.balanceCheck,
      cheapestAction: null,
      sources: [],
      verified: null,
      confidence: null,
      notesEn: input.notes || null,
      notesZh: input.notes || null,
    };
  };

  // ---- reminders -------------------------------------------------------------------------
=======
  // The device, which the recording did not have.
>>>>>>> issue9
  const platformParam = params.get("platform");
  const platform: Platform =
    platformParam === "android" || platformParam === "ios" ? platformParam : "desktop";
  const permissionParam = params.get("permission");
  let permission: Permission =
    permissionParam === "prompt" || permissionParam === "denied" || permissionParam === "granted"
      ? permissionParam
      : platform === "desktop"
        ? "granted"
        : "prompt";
  const device = (settings: Settings): Settings => ({
    ...settings,
    platform,
    permission,
    autostart: platform === "desktop" ? settings.autostart : null,
  });
  const pendingParam = params.get("pending");
  let pendingTarget: { lineId: string | null } | null = pendingParam
    ? { lineId: pendingParam === "needs" ? null : pendingParam }
    : null;

  (window as unknown as { __baohaoMock: unknown }).__baohaoMock = {
    openTarget: (lineId: string | null) => {
      pendingTarget = { lineId };
      return emit("open-target", { lineId });
    },
  };

  mockIPC(
    async (cmd, payload) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const args = (payload ?? {}) as Record<string, unknown>;
      // The device's own answers.
      if (cmd === "navigation_take") {
        const target = pendingTarget;
        pendingTarget = null;
        return target;
      }
      if (cmd === "notification_permission_request" && permission === "prompt")
        permission = params.has("deny") ? "denied" : "granted";
      if (cmd === "settings_set_locale") {
        lang = String(args.locale);
        return null;
      }
      const entry =
        lookup(
          state,
          lang,
          cmd === "notification_permission_request" ? "settings_get" : cmd,
          cmd === "notification_permission_request" ? {} : args,
        ) ?? notRecorded(cmd, args);
      if (entry.err) throw entry.err;
      if (entry.then) state = entry.then;
      if (cmd === "settings_get" || cmd === "notification_permission_request")
        return device(entry.ok as Settings);
      if (cmd === "app_info" && params.get("numberLocale"))
        return { ...(entry.ok as AppInfo), numberLocale: params.get("numberLocale") };
      if (cmd === "notification_test") console.info("[mock] test notification");
      return entry.ok ?? null;
    },
    { shouldMockEvents: true },
  );
}
