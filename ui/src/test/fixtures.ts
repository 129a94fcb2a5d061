// What the real core answers, for the UI tests: read from the generated fixtures (see
// src/lib/dev/replay.ts), so a test can only be built on data and errors the core produces.
import type {
  BinnedLine,
  Dashboard,
  LineFacets,
  LineQuery,
  Agenda,
  AppInfo,
  Carrier,
  CommandError,
  Country,
  Currency,
  Event,
  EventInput,
  KeepCost,
  KeepCostReport,
  Forecast,
  Limits,
  LinePlan,
  LineReminders,
  LineSummary,
  Promotion,
  RenewalPlan,
  Settings,
  UpcomingReminder,
  ZoneList,
} from "../lib/api";
import { replay } from "../lib/dev/replay";

function answer<T>(
  cmd: string,
  match: (args: Record<string, unknown>) => boolean = () => true,
  state = "*",
  lang?: string,
): T {
  const hit = replay.calls.find(
    (c) =>
      c.cmd === cmd &&
      (c.state === state || c.state === "*") &&
      (lang === undefined || c.lang === lang) &&
      c.ok !== undefined &&
      match((c.args ?? {}) as Record<string, unknown>),
  );
  if (!hit) throw new Error(`no recorded answer for ${cmd} in ${state}`);
  return structuredClone(hit.ok) as T;
}

export type LineName = "smart" | "giffgaff" | "3hk" | "ultra" | "asda" | "spare" | "aldi" | "cmhk";

function id(name: LineName): string {
  const found = replay.lines[name];
  if (!found) throw new Error(`no sample line ${name}`);
  return found;
}

export const fixtures = {
  now: replay.now,
  lineId: id,
  get currencies(): Currency[] {
    return answer("currency_list");
  },
  get countries(): Country[] {
    return answer("country_list");
  },
  get limits(): Limits {
    return answer("limits_get");
  },
  get zones(): ZoneList {
    return answer("zone_list");
  },
  get appInfo(): AppInfo {
    return answer("app_info");
  },
  /** The name the core gives an exported file of `kind`. */
  exportFileName(kind: string): string {
    return answer("export_file_name", (a) => a.kind === kind);
  },
  get carriers(): Carrier[] {
    return answer("carrier_list");
  },
  carrier(carrierId: string): Carrier {
    const found = fixtures.carriers.find((c) => c.id === carrierId);
    if (!found) throw new Error(`no carrier ${carrierId}`);
    return found;
  },
  /** The dashboard for a query (the keys the UI sends; unset ones take the defaults). */
  dashboard(query: Partial<LineQuery> = {}, state = "sample"): Dashboard {
    const full: LineQuery = {
      search: null,
      archive: "active",
      needsAction: false,
      statuses: [],
      tag: null,
      country: null,
      carrier: null,
      sort: "urgency",
      ...query,
    };
    const key = JSON.stringify(full, Object.keys(full).sort());
    return answer(
      "dashboard_get",
      (a) => {
        const q = a.query as LineQuery;
        return JSON.stringify(q, Object.keys(q).sort()) === key;
      },
      state,
    );
  },
  facets(state = "sample"): LineFacets {
    return answer("line_facets", () => true, state);
  },
  bin(state = "binned"): BinnedLine[] {
    return answer("bin_list", () => true, state);
  },
  /** The error of a bulk action that failed on a line. */
  bulkError(): CommandError {
    const hit = replay.calls.find((c) => c.cmd === "lines_bulk" && c.err);
    if (!hit?.err) throw new Error("no recorded bulk error");
    return structuredClone(hit.err);
  },
  summary(name: LineName, state = "sample"): LineSummary {
    return answer("line_get", (a) => a.id === id(name), state);
  },
  events(name: LineName, state = "sample"): Event[] {
    return answer("event_list", (a) => a.lineId === id(name), state);
  },
  reminders(name: LineName, state = "sample"): LineReminders {
    return answer("line_reminder_get", (a) => a.lineId === id(name), state);
  },
  prefill(name: LineName, state = "sample"): EventInput {
    return answer("renewal_prefill_get", (a) => a.lineId === id(name), state);
  },
  list(
    archive: "active" | "archived" | "all",
    state = "sample",
    needsAction = false,
  ): LineSummary[] {
    return answer(
      "line_list",
      (a) => {
        const q = a.query as { search: string | null; archive: string; needsAction: boolean };
        return q.archive === archive && q.search === null && q.needsAction === needsAction;
      },
      state,
    );
  },
  plans(name: LineName, state = "sample"): LinePlan[] {
    return answer("plan_list", (a) => a.lineId === id(name), state);
  },
  keepCost(name: LineName, state = "sample"): KeepCost {
    return answer("line_keep_cost", (a) => a.lineId === id(name), state);
  },
  /** The promotions on a line and on its carrier, expired ones left out. */
  promotions(name: LineName, state = "sample"): Promotion[] {
    return answer("promotion_list", (a) => a.lineId === id(name), state);
  },
  keepCostReport(state = "sample"): KeepCostReport {
    return answer("keep_cost_report", () => true, state);
  },
  settings(lang: "en" | "zh_cn" = "en", state = "sample"): Settings {
    return answer("settings_get", () => true, state, lang);
  },
  upcoming(lang: "en" | "zh_cn" = "en", state = "sample"): UpcomingReminder[] {
    return answer("reminder_upcoming", () => true, state, lang);
  },
  renewalPlan(state = "sample"): RenewalPlan {
    return answer("renewal_days_get", () => true, state);
  },
  forecast(state = "sample"): Forecast {
    return answer("forecast_get", () => true, state);
  },
  /** The calendar of one month of 2026 (February to May are recorded). */
  agenda(month: number, state = "sample"): Agenda {
    return answer("agenda_get", (a) => (a.range as { month: number }).month === month, state);
  },
  /** An error the core really gives, with this code and field. */
  error(code: CommandError["code"], field: CommandError["field"]): CommandError {
    const hit = replay.calls.find((c) => c.err && c.err.code === code && c.err.field === field);
    if (!hit?.err) throw new Error(`the core was never recorded failing with ${code} on ${field}`);
    return { ...hit.err };
  },
};
