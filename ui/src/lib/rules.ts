// Keep-alive rules on the UI side: a flat, string-typed draft the rule editor binds to, the
// conversion to and from the RuleSpec JSON Rust expects, and one-line summaries in words.
// Nothing here validates or fills in a default: an incomplete rule goes to Rust, which names
// the field that is wrong; what a new rule starts with comes from the core's limits. The
// draft holds every part of every rule the core accepts (a tier's or a grace stage's months
// *and* days), so opening a rule in the editor and saving it changes nothing.
import type {
  Currency,
  EventKind,
  Grace,
  GraceMode,
  KeepAliveRule,
  Money,
  Period,
  RuleSpec,
  Status,
} from "./api";
import { formatDay } from "./format";
import { amountText } from "./amount";
import type { NumberFormat } from "./amount";
import { getLocale, t } from "./i18n/index.svelte";
import type { MessageKey } from "./i18n/index.svelte";
import { amountProblem, exponentOf, formatMoney, readMoney } from "./money";
import { getNumberFormat } from "./numberFormat.svelte";

export type RuleKind = KeepAliveRule["kind"];
export type Unit = "days" | "months";

export const RULE_KINDS: readonly RuleKind[] = [
  "rolling",
  "topup_validity",
  "fixed_expiry",
  "recurring_plan",
  "balance",
];
export const GRACE_MODES: readonly GraceMode[] = ["restricted", "incoming_only", "grace"];

export type TierDraft = {
  key: number;
  amount: string;
  currency: string;
  /** The validity a tier gives: months and then days (either may be empty). */
  months: string;
  days: string;
};

export type RuleDraft = {
  /** "none" only where a rule is optional (a carrier without a known rule). */
  kind: RuleKind | "none";
  periodValue: string;
  periodUnit: Unit;
  qualifying: EventKind[];
  /** Qualifying kinds that count only when charged (EE: not usage inside a pack). */
  charged: EventKind[];
  tiers: TierDraft[];
  stack: boolean;
  capDays: string;
  expiresOn: string;
  anchor: string;
  /** Balance rule: the monthly fee as typed (blank: left to each line) and its billing day. */
  feeAmount: string;
  feeCurrency: string;
  billingDay: string;
  graceOn: boolean;
  /** The grace stage: months and then days (either may be empty). */
  graceMonths: string;
  graceDays: string;
  graceMode: GraceMode;
  /** The grace also starts when the balance reaches zero (Smart, Movistar). */
  graceAtZero: boolean;
  zone: string;
};

/** What a new draft starts with, from the core (`limits_get`, the line's currencies). */
export type DraftDefaults = {
  qualifying: readonly EventKind[];
  currency: string;
};

let tierKey = 1;
export function newTier(currency = "", amount = "", months = "", days = ""): TierDraft {
  return { key: tierKey++, amount, currency, months, days };
}

const countText = (n: number): string => (n ? String(n) : "");

function periodParts(period: Period | null | undefined): { value: string; unit: Unit } {
  if (!period) return { value: "", unit: "months" };
  if ("months" in period && typeof period.months === "number")
    return { value: String(period.months), unit: "months" };
  return { value: String((period as { days: number }).days), unit: "days" };
}

/** A draft from an existing rule (or a blank rolling rule). */
export function draftFrom(
  rule: KeepAliveRule | null | undefined,
  grace: Grace | null | undefined,
  zone: string,
  currencies: readonly Currency[],
  defaults: DraftDefaults,
  format: NumberFormat = getNumberFormat(),
): RuleDraft {
  const draft: RuleDraft = {
    kind: rule?.kind ?? "rolling",
    periodValue: "",
    periodUnit: "months",
    qualifying: [...defaults.qualifying],
    charged: [],
    tiers: [newTier(defaults.currency)],
    stack: false,
    capDays: "",
    expiresOn: "",
    anchor: "",
    feeAmount: "",
    feeCurrency: defaults.currency,
    billingDay: "1",
    graceOn: false,
    graceMonths: "",
    graceDays: "",
    graceMode: "restricted",
    graceAtZero: false,
    zone,
  };
  if (rule?.kind === "rolling" || rule?.kind === "recurring_plan") {
    const p = periodParts(rule.period);
    draft.periodValue = p.value;
    draft.periodUnit = p.unit;
  }
  if (rule?.kind === "rolling") {
    draft.qualifying = [...rule.qualifying];
    draft.charged = [...(rule.charged ?? [])];
  }
  if (rule?.kind === "recurring_plan") draft.anchor = rule.anchor ?? "";
  if (rule?.kind === "fixed_expiry") draft.expiresOn = rule.expiresOn;
  if (rule?.kind === "balance") {
    draft.billingDay = String(rule.billingDay);
    if (rule.fee) {
      draft.feeCurrency = rule.fee.currency;
      draft.feeAmount = amountText(
        rule.fee.minor ?? 0,
        exponentOf(rule.fee.currency, currencies) ?? 0,
        format,
      );
    }
  }
  if (rule?.kind === "topup_validity") {
    draft.tiers = rule.tiers.map((tier) =>
      newTier(
        tier.minAmount.currency,
        amountText(
          tier.minAmount.minor ?? 0,
          exponentOf(tier.minAmount.currency, currencies) ?? 0,
          format,
        ),
        countText(tier.months),
        countText(tier.days),
      ),
    );
    if (draft.tiers.length === 0) draft.tiers = [newTier(defaults.currency)];
    draft.stack = rule.stack;
    draft.capDays = rule.capDays === null ? "" : String(rule.capDays);
  }
  if (grace) {
    draft.graceOn = true;
    draft.graceMode = grace.mode;
    draft.graceAtZero = grace.atZeroBalance ?? false;
    draft.graceMonths = countText(grace.months);
    // A grace of nothing still shows a number.
    draft.graceDays = grace.days || grace.months ? countText(grace.days) : "0";
  }
  return draft;
}

/** A typed whole number; empty is `empty`; anything else is NaN (never silently 0). */
function count(text: string, empty = Number.NaN): number {
  const trimmed = text.trim();
  if (trimmed === "") return empty;
  return /^\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : Number.NaN;
}

function periodOf(value: string, unit: Unit): Period {
  return unit === "months" ? { months: count(value) } : { days: count(value) };
}

/** Typed text the draft cannot turn into a value (digits that are not a number); what the
 * value may be is the core's to say. */
export class DraftError extends Error {
  constructor(
    readonly field: "tiers" | "period" | "grace" | "fee" | "billingDay",
    readonly text: string,
  ) {
    super(text);
  }
}

function whole(text: string, field: DraftError["field"], empty = Number.NaN): number {
  const n = count(text, empty);
  if (Number.isNaN(n)) throw new DraftError(field, t("errors.wholeNumber"));
  return n;
}

export function ruleFromDraft(
  draft: RuleDraft,
  currencies: readonly Currency[],
  format: NumberFormat = getNumberFormat(),
): KeepAliveRule {
  switch (draft.kind) {
    case "topup_validity":
      return {
        kind: "topup_validity",
        tiers: draft.tiers.map((tier) => {
          const read = readMoney(tier.amount, tier.currency, currencies, format);
          if (read.kind === "invalid")
            throw new DraftError(
              "tiers",
              amountProblem(read.reason, tier.currency, currencies, format),
            );
          return {
            minAmount:
              read.kind === "ok" ? read.money : { minor: 0, currency: tier.currency.trim() },
            days: whole(tier.days, "tiers", 0),
            months: whole(tier.months, "tiers", 0),
          };
        }),
        stack: draft.stack,
        capDays: draft.capDays.trim() === "" ? null : whole(draft.capDays, "tiers"),
      };
    case "fixed_expiry":
      return { kind: "fixed_expiry", expiresOn: draft.expiresOn };
    case "balance": {
      const day = whole(draft.billingDay, "billingDay");
      const read = readMoney(draft.feeAmount, draft.feeCurrency, currencies, format);
      if (read.kind === "invalid")
        throw new DraftError(
          "fee",
          amountProblem(read.reason, draft.feeCurrency, currencies, format),
        );
      return { kind: "balance", fee: read.kind === "ok" ? read.money : null, billingDay: day };
    }
    case "recurring_plan":
      whole(draft.periodValue, "period");
      return {
        kind: "recurring_plan",
        period: periodOf(draft.periodValue, draft.periodUnit),
        anchor: draft.anchor || null,
      };
    case "rolling":
    case "none":
      whole(draft.periodValue, "period");
      return {
        kind: "rolling",
        period: periodOf(draft.periodValue, draft.periodUnit),
        qualifying: [...draft.qualifying],
        charged: draft.charged.filter((k) => draft.qualifying.includes(k)),
      };
  }
}

export function graceFromDraft(draft: RuleDraft): Grace | null {
  if (!draft.graceOn) return null;
  return {
    days: whole(draft.graceDays, "grace", 0),
    months: whole(draft.graceMonths, "grace", 0),
    mode: draft.graceMode,
    atZeroBalance: draft.graceAtZero,
  };
}

/** The RuleSpec the line's rule editor sends to lineSetRule. Throws DraftError on bad digits. */
export function specFromDraft(
  draft: RuleDraft,
  currencies: readonly Currency[],
  format: NumberFormat = getNumberFormat(),
): RuleSpec {
  return {
    rule: ruleFromDraft(draft, currencies, format),
    grace: graceFromDraft(draft),
    zone: draft.zone.trim(),
  };
}

// ---- words ----------------------------------------------------------------------------------

export function periodText(period: Period | null | undefined): string {
  if (!period) return "";
  if ("months" in period && typeof period.months === "number") {
    return period.months === 1
      ? t("period.monthsOne")
      : t("period.monthsOther", { count: period.months });
  }
  const days = (period as { days: number }).days;
  return days === 1 ? t("period.daysOne") : t("period.daysOther", { count: days });
}

function monthsDaysText(months: number, days: number): string {
  if (months && days) return `${periodText({ months })} ${periodText({ days })}`;
  return months ? periodText({ months }) : periodText({ days });
}

/** A calendar date in the UI's language (see `formatDay`). */
export function formatDate(iso: string): string {
  return formatDay(iso, getLocale());
}

function tierMoney(money: Money, currencies: readonly Currency[]): string {
  return formatMoney(money, currencies, getNumberFormat());
}

/** "6 months after the last activity", "最近一次充值后 12 个月"… */
export function ruleSummary(
  rule: KeepAliveRule | null | undefined,
  currencies: readonly Currency[] = [],
): string {
  if (!rule) return t("rule.summaryNone");
  switch (rule.kind) {
    case "rolling": {
      const period = periodText(rule.period);
      const topupOnly = rule.qualifying.length === 1 && rule.qualifying[0] === "topup";
      return topupOnly
        ? t("rule.summaryRollingTopup", { period })
        : t("rule.summaryRolling", { period });
    }
    case "topup_validity": {
      const tiers = rule.tiers
        .map(
          (tier) =>
            `${tierMoney(tier.minAmount, currencies)} → ${monthsDaysText(tier.months, tier.days)}`,
        )
        .join(t("rule.listSeparator"));
      return t("rule.summaryTopup", { tiers });
    }
    case "fixed_expiry":
      return t("rule.summaryFixed", { date: formatDate(rule.expiresOn) });
    case "recurring_plan":
      return "months" in rule.period && rule.period.months === 1
        ? t("rule.summaryMonthly")
        : t("rule.summaryRecurring", { period: periodText(rule.period) });
    case "balance":
      return rule.fee
        ? t("rule.summaryBalance", { fee: tierMoney(rule.fee, currencies), day: rule.billingDay })
        : t("rule.summaryBalanceNoFee", { day: rule.billingDay });
  }
}

const GRACE_MODE_KEYS: Record<GraceMode, MessageKey> = {
  restricted: "graceMode.restricted",
  incoming_only: "graceMode.incoming_only",
  grace: "graceMode.grace",
};
export function graceModeLabel(mode: GraceMode): string {
  return t(GRACE_MODE_KEYS[mode]);
}

export function graceSummary(grace: Grace | null | undefined): string {
  if (!grace) return t("rule.noGrace");
  return t("rule.graceSummary", {
    span: monthsDaysText(grace.months, grace.days),
    mode: graceModeLabel(grace.mode),
  });
}

const RULE_KIND_KEYS: Record<RuleKind | "none", MessageKey> = {
  rolling: "ruleKind.rolling",
  topup_validity: "ruleKind.topup_validity",
  fixed_expiry: "ruleKind.fixed_expiry",
  recurring_plan: "ruleKind.recurring_plan",
  balance: "ruleKind.balance",
  none: "ruleKind.none",
};
export function ruleKindLabel(kind: RuleKind | "none"): string {
  return t(RULE_KIND_KEYS[kind]);
}

const RULE_HINT_KEYS: Record<RuleKind | "none", MessageKey> = {
  rolling: "ruleHint.rolling",
  topup_validity: "ruleHint.topup_validity",
  fixed_expiry: "ruleHint.fixed_expiry",
  recurring_plan: "ruleHint.recurring_plan",
  balance: "ruleHint.balance",
  none: "ruleHint.none",
};
export function ruleKindHint(kind: RuleKind | "none"): string {
  return t(RULE_HINT_KEYS[kind]);
}

const STATUS_KEYS: Record<Status, MessageKey> = {
  ok: "status.ok",
  due_soon: "status.due_soon",
  overdue: "status.overdue",
  lost: "status.lost",
  unknown: "status.unknown",
};
export function statusLabel(status: Status): string {
  return t(STATUS_KEYS[status]);
}

/** "12 days left", "due today", "3 days overdue", "lost", "no rule". */
export function daysLeftText(status: Status, daysLeft: number | null, hasRule: boolean): string {
  if (status === "lost") return t("days.lost");
  if (!hasRule) return t("days.noRule");
  if (daysLeft === null || status === "unknown") return t("days.unknown");
  if (daysLeft === 0) return t("days.today");
  if (daysLeft > 0) {
    return daysLeft === 1 ? t("days.leftOne") : t("days.leftOther", { count: daysLeft });
  }
  const over = -daysLeft;
  return over === 1 ? t("days.overdueOne") : t("days.overdueOther", { count: over });
}
