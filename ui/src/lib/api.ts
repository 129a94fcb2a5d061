// The one place the UI talks to the Rust side. Every call goes through the generated, typed
// `commands` in bindings.ts (never a raw `invoke`), and every failure comes back as a
// CommandError: the generated wrappers rethrow JS `Error`s and pass through whatever the shell
// rejected with, so both are normalised here and the screens only ever branch on `{ code, field }`.
import { commands, events } from "./bindings";
import type {
  AppInfo_Serialize,
  CarrierInput_Serialize,
  Carrier_Serialize,
  CommandError_Serialize,
  Country_Serialize,
  CsvPreview_Serialize,
  MergeItem_Serialize,
  EventInput_Serialize,
  Event_Serialize,
  Grace_Serialize,
  KeepAliveRule_Serialize,
  LineInput_Serialize,
  LineQuery_Serialize,
  LineSummary_Serialize,
  LineReminderOverrides_Serialize,
  LineReminders_Serialize,
  Line_Serialize,
  OpenTarget_Serialize,
  ReminderPolicy_Serialize,
  RenewalAction_Serialize,
  RecoveryOutcome_Serialize,
  RecoveryStatus_Serialize,
  RenewalMethod_Serialize,
  RestorePreview_Serialize,
  RestoreReport_Serialize,
  RowPreview_Serialize,
  RuleSpec_Serialize,
  Settings_Serialize,
  Tier_Serialize,
} from "./bindings";

export { commands };
export type {
  ArchiveFilter,
  BackupInfo,
  BackupSummary,
  CommandErrorCode,
  Confidence,
  Counts,
  CsvColumn,
  CsvImportReport,
  CsvTable,
  Currency,
  ErrorCode,
  EventKind,
  ExportKind,
  Explanation,
  Field,
  GraceMode,
  Lang,
  Limits,
  Method,
  NagState,
  Money,
  PaymentChannel,
  Period,
  Permission,
  Platform,
  QuietHours,
  Range,
  ReminderKind,
  RenewalKind,
  RestoreMode,
  RuleSource,
  SimKind,
  SnoozeChoice,
  Status,
  UpcomingReminder,
  ZoneList,
} from "./bindings";

// The generator emits a Serialize/Deserialize pair per type; the UI receives what Rust
// serializes and sends the full shape of what Rust deserializes.
export type Line = Line_Serialize;
export type LineInput = LineInput_Serialize;
export type LineQuery = LineQuery_Serialize;
export type AppInfo = AppInfo_Serialize;
export type CommandError = CommandError_Serialize;
export type LineSummary = LineSummary_Serialize;
export type Carrier = Carrier_Serialize;
export type CarrierInput = CarrierInput_Serialize;
export type Event = Event_Serialize;
export type EventInput = EventInput_Serialize;
export type RuleSpec = RuleSpec_Serialize;
export type KeepAliveRule = KeepAliveRule_Serialize;
export type Grace = Grace_Serialize;
export type Tier = Tier_Serialize;
export type RenewalMethod = RenewalMethod_Serialize;
export type Settings = Settings_Serialize;
export type ReminderPolicy = ReminderPolicy_Serialize;
export type LineReminderOverrides = LineReminderOverrides_Serialize;
export type LineReminders = LineReminders_Serialize;
export type RenewalAction = RenewalAction_Serialize;
export type Country = Country_Serialize;
export type OpenTarget = OpenTarget_Serialize;
export type RecoveryStatus = RecoveryStatus_Serialize;
export type RecoveryOutcome = RecoveryOutcome_Serialize;
export type RestorePreview = RestorePreview_Serialize;
export type RestoreReport = RestoreReport_Serialize;
export type MergeItem = MergeItem_Serialize;
export type CsvPreview = CsvPreview_Serialize;
export type RowPreview = RowPreview_Serialize;

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

export function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns anything a command rejected with into a CommandError (a code the UI does not know is
 * kept as-is; the UI then shows its generic message). */
export function toCommandError(value: unknown): CommandError {
  if (isCommandError(value)) {
    const error: CommandError = {
      code: value.code,
      message: value.message,
      field: value.field ?? null,
    };
    // Which record of a file the error is about (a CSV row, a backup's line), when it is.
    if (value.location) error.location = value.location;
    return error;
  }
  const message = value instanceof Error ? value.message : String(value);
  return { code: "internal", message, field: null };
}

/** Awaits a generated command and never throws. */
export async function call<T>(
  pending: Promise<{ status: "ok"; data: T } | { status: "error"; error: unknown }>,
): Promise<Result<T>> {
  try {
    const result = await pending;
    if (result.status === "ok") return result;
    return { status: "error", error: toCommandError(result.error) };
  } catch (e) {
    return { status: "error", error: toCommandError(e) };
  }
}

/** Listens for "open this" requests from a tapped notification (or the tray). Resolves to the
 * function that stops listening; a failure to listen (no event bridge) is reported as a no-op. */
export async function listenOpenTarget(handler: (target: OpenTarget) => void): Promise<() => void> {
  try {
    const unlisten = await events.openTarget.listen((event) => {
      handler({ lineId: event.payload.lineId ?? null });
    });
    // Unlistening after the bridge is gone (a reload, a test's teardown) is not an error.
    return () => {
      try {
        void Promise.resolve(unlisten() as unknown).catch(() => {});
      } catch {
        // ignore
      }
    };
  } catch {
    return () => {};
  }
}

// Plans, keep costs and promotions.
export type { CostBasis } from "./bindings";
export type LinePlan = import("./bindings").LinePlan_Serialize;
export type LinePlanInput = import("./bindings").LinePlanInput_Serialize;
export type KeepCost = import("./bindings").KeepCost_Serialize;
export type KeepCostReport = import("./bindings").KeepCostReport_Serialize;
export type Promotion = import("./bindings").Promotion_Serialize;
export type PromotionInput = import("./bindings").PromotionInput_Serialize;
export type {
  Agenda,
  AgendaItem,
  AgendaKind,
  CostSource,
  ForecastMonth,
  GridDay,
  LeftOut,
  MonthGrid,
} from "./bindings";
export type RenewalPlan = import("./bindings").RenewalPlan_Serialize;
export type RenewalDay = import("./bindings").RenewalDay_Serialize;
export type DayLine = import("./bindings").DayLine_Serialize;
export type Forecast = import("./bindings").Forecast_Serialize;
export type LineForecast = import("./bindings").LineForecast_Serialize;
// The dashboard.
export type { BulkResult, CarrierChoice, Choice, LineFacets, LineSort } from "./bindings";
export type Dashboard = import("./bindings").Dashboard_Serialize;
export type DashboardItem = import("./bindings").DashboardItem_Serialize;
export type BinnedLine = import("./bindings").BinnedLine_Serialize;
export type BulkAction = import("./bindings").BulkAction_Deserialize;
