// The settings form's draft: the reminder policy as text the fields bind to, and back. What
// the values may be is the core's to say (it names the field); only text that is not a
// number at all is caught here, since no number can be sent for it.
import type { Limits, ReminderPolicy } from "../../lib/api";
import { timeFromInput, timeToInput } from "../../lib/reminders.svelte";
import { t } from "../../lib/i18n/index.svelte";

export type PolicyDraft = {
  leads: number[];
  time: string;
  zone: string;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  nag: boolean;
  balanceEvery: string;
};

export type PolicyField = "leads" | "timeOfDay" | "zone" | "quietHours" | "balanceCheckEvery";
export const POLICY_FIELDS: readonly PolicyField[] = [
  "leads",
  "timeOfDay",
  "zone",
  "quietHours",
  "balanceCheckEvery",
];

/** A draft of the saved policy; quiet hours that are off start from the core's suggestion. */
export function draftOf(policy: ReminderPolicy, limits: Limits): PolicyDraft {
  const quiet = policy.quietHours ?? limits.reminders.suggestedQuietHours;
  return {
    leads: [...policy.leadsDays],
    time: timeToInput(policy.timeOfDay),
    zone: policy.userZone,
    quietOn: policy.quietHours !== null,
    quietStart: timeToInput(quiet.start),
    quietEnd: timeToInput(quiet.end),
    nag: policy.nagDaily,
    balanceEvery: policy.balanceCheckEveryDays === null ? "" : String(policy.balanceCheckEveryDays),
  };
}

/** Compares drafts: what would be saved. */
export function keyOf(d: PolicyDraft): string {
  return JSON.stringify({
    ...d,
    leads: [...d.leads].sort((a, b) => b - a),
    zone: d.zone.trim(),
    balanceEvery: d.balanceEvery.trim(),
    quietStart: d.quietOn ? d.quietStart : "",
    quietEnd: d.quietOn ? d.quietEnd : "",
  });
}

/** The policy to send, or the field whose text is not a number. */
export function policyOf(
  d: PolicyDraft,
): { policy: ReminderPolicy } | { field: PolicyField; message: string } {
  const every = d.balanceEvery.trim();
  if (every !== "" && !/^\d+$/.test(every))
    return { field: "balanceCheckEvery", message: t("errors.wholeNumber") };
  return {
    policy: {
      leadsDays: d.leads,
      timeOfDay: timeFromInput(d.time),
      userZone: d.zone.trim(),
      quietHours: d.quietOn
        ? { start: timeFromInput(d.quietStart), end: timeFromInput(d.quietEnd) }
        : null,
      nagDaily: d.nag,
      balanceCheckEveryDays: every === "" ? null : Number(every),
    },
  };
}
