import type { CommandError, CommandErrorCode, Field } from "./api";
import { t } from "./i18n/index.svelte";
import type { MessageKey } from "./i18n/index.svelte";

// Both tables are total over the generated unions, so a new code or field added in Rust fails the
// type check until it has a translation.
export const FIELD_KEYS: Record<Field, MessageKey> = {
  id: "fields.id",
  number: "fields.number",
  label: "fields.label",
  country: "fields.country",
  carrier: "fields.carrier",
  simKind: "fields.simKind",
  iccid: "fields.iccid",
  tags: "fields.tags",
  notes: "fields.notes",
  query: "fields.query",
  occurredAt: "fields.occurredAt",
  eventKind: "fields.eventKind",
  amount: "fields.amount",
  currency: "fields.currency",
  method: "fields.method",
  channel: "fields.channel",
  reference: "fields.reference",
  note: "fields.note",
  balanceAfter: "fields.balanceAfter",
  rule: "fields.rule",
  period: "fields.period",
  qualifying: "fields.qualifying",
  tiers: "fields.tiers",
  expiresOn: "fields.expiresOn",
  anchor: "fields.anchor",
  grace: "fields.grace",
  zone: "fields.zone",
  fee: "fields.fee",
  billingDay: "fields.billingDay",
  nameEn: "fields.nameEn",
  nameZh: "fields.nameZh",
  renewalMethods: "fields.renewalMethods",
  balanceCheck: "fields.balanceCheck",
  lowBalance: "fields.lowBalance",
  leads: "fields.leads",
  balanceCheckEvery: "fields.balanceCheckEvery",
  snooze: "fields.snooze",
  name: "fields.name",
  price: "fields.price",
  allowance: "fields.allowance",
  startedOn: "fields.startedOn",
  text: "fields.text",
  remindOn: "fields.remindOn",
  target: "fields.target",
  timeOfDay: "fields.timeOfDay",
  quietHours: "fields.quietHours",
  locale: "fields.locale",
};

const ERROR_KEYS: Record<CommandErrorCode, MessageKey> = {
  required: "errors.required",
  too_long: "errors.too_long",
  invalid_number: "errors.invalid_number",
  duplicate_number: "errors.duplicate_number",
  invalid_country: "errors.invalid_country",
  invalid_iccid: "errors.invalid_iccid",
  invalid_text: "errors.invalid_text",
  too_many: "errors.too_many",
  not_found: "errors.not_found",
  storage: "errors.storage",
  migration: "errors.migration",
  out_of_range: "errors.out_of_range",
  invalid_currency: "errors.invalid_currency",
  invalid_zone: "errors.invalid_zone",
  tiers_out_of_order: "errors.tiers_out_of_order",
  invalid_rule: "errors.invalid_rule",
  read_only: "errors.read_only",
  database_damaged: "errors.database_damaged",
  database_newer: "errors.database_newer",
  database_unreadable: "errors.database_unreadable",
  disk_full: "errors.disk_full",
  file_io: "errors.file_io",
  file_too_large: "errors.file_too_large",
  file_truncated: "errors.file_truncated",
  file_encoding: "errors.file_encoding",
  bad_file: "errors.bad_file",
  unsupported_version: "errors.unsupported_version",
  duplicate_id: "errors.duplicate_id",
  invalid_value: "errors.invalid_value",
  nothing_to_open: "errors.nothing_to_open",
  open_failed: "errors.open_failed",
  notify_failed: "errors.notify_failed",
  autostart_failed: "errors.autostart_failed",
  recovery_needed: "errors.recovery_needed",
  not_in_recovery: "errors.not_in_recovery",
  no_backup: "errors.no_backup",
  bad_path: "errors.bad_path",
  share_failed: "errors.share_failed",
  internal: "errors.internal",
};

export function knownCode(code: string): code is CommandErrorCode {
  return Object.hasOwn(ERROR_KEYS, code);
}

function fieldName(field: string | null | undefined): string {
  return field && Object.hasOwn(FIELD_KEYS, field)
    ? t(FIELD_KEYS[field as Field])
    : t("fields.generic");
}

/** A translated message for a server error; never the raw English `message`. */
export function errorMessage(error: CommandError): string {
  const key = knownCode(error.code) ? ERROR_KEYS[error.code] : "errors.unknown";
  return t(key, { field: fieldName(error.field) });
}

const RECORD_KEYS: Record<string, MessageKey> = {
  line: "data.recordLine",
  carrier: "data.recordCarrier",
  event: "data.recordEvent",
  plan: "data.recordPlan",
  promotion: "data.recordPromotion",
  setting: "data.recordSetting",
};

/** Where in a file an error is ("Row 3, amount", "Number #4"), or null for other errors. */
export function errorWhere(error: CommandError): string | null {
  const at = error.location;
  if (!at) return null;
  if (at.record === "row")
    return t("errors.whereRow", { index: at.index, column: at.column ?? "" });
  const record = RECORD_KEYS[at.record];
  return record ? t("errors.whereRecord", { record: t(record), index: at.index }) : null;
}

/** Whether the English `message` is worth a small detail line (generic failures only). */
export function showsDetail(error: CommandError): boolean {
  return !knownCode(error.code) || ["internal", "storage", "migration"].includes(error.code);
}
