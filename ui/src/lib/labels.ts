// Translated names for the enums the renewal log and carriers use. Total maps over the generated
// unions, so a new value in Rust fails the type check until it has words in both languages.
import type { EventKind, Method, PaymentChannel, RenewalKind } from "./api";
import type { IconName } from "../components/Icon.svelte";
import { t } from "./i18n/index.svelte";
import type { MessageKey } from "./i18n/index.svelte";

const EVENT_KIND_KEYS: Record<EventKind, MessageKey> = {
  topup: "eventKind.topup",
  call: "eventKind.call",
  sms: "eventKind.sms",
  data: "eventKind.data",
  plan_payment: "eventKind.plan_payment",
  balance_check: "eventKind.balance_check",
  other: "eventKind.other",
};

const METHOD_KEYS: Record<Method, MessageKey> = {
  app: "method.app",
  hotline: "method.hotline",
  ussd: "method.ussd",
  sms: "method.sms",
  shop: "method.shop",
  web: "method.web",
  auto_renew: "method.auto_renew",
};

const CHANNEL_KEYS: Record<PaymentChannel, MessageKey> = {
  bank_card: "channel.bank_card",
  alipay: "channel.alipay",
  wechat_pay: "channel.wechat_pay",
  paypal: "channel.paypal",
  voucher: "channel.voucher",
  other: "channel.other",
};

const RENEWAL_KIND_KEYS: Record<RenewalKind, MessageKey> = {
  app: "renewalKind.app",
  web: "renewalKind.web",
  hotline: "renewalKind.hotline",
  ussd: "renewalKind.ussd",
  sms: "renewalKind.sms",
  shop: "renewalKind.shop",
};

export const EVENT_KINDS: readonly EventKind[] = [
  "topup",
  "call",
  "sms",
  "data",
  "plan_payment",
  "balance_check",
  "other",
];
export const METHODS: readonly Method[] = [
  "app",
  "web",
  "hotline",
  "ussd",
  "sms",
  "shop",
  "auto_renew",
];
export const CHANNELS: readonly PaymentChannel[] = [
  "bank_card",
  "alipay",
  "wechat_pay",
  "paypal",
  "voucher",
  "other",
];
export const RENEWAL_KINDS: readonly RenewalKind[] = [
  "app",
  "web",
  "hotline",
  "ussd",
  "sms",
  "shop",
];

export const eventKindLabel = (kind: EventKind): string => t(EVENT_KIND_KEYS[kind]);
export const methodLabel = (method: Method): string => t(METHOD_KEYS[method]);
export const channelLabel = (channel: PaymentChannel): string => t(CHANNEL_KEYS[channel]);
export const renewalKindLabel = (kind: RenewalKind): string => t(RENEWAL_KIND_KEYS[kind]);

export const RENEWAL_ICONS: Record<RenewalKind, IconName> = {
  app: "phone",
  web: "globe",
  hotline: "call",
  ussd: "hash",
  sms: "message",
  shop: "store",
};

export const EVENT_ICONS: Record<EventKind, IconName> = {
  topup: "wallet",
  call: "call",
  sms: "message",
  data: "signal",
  plan_payment: "card",
  balance_check: "search",
  other: "dot",
};
