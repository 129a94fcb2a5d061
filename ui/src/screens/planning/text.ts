// Wording shared by the planning screens: the core's own explanations in the UI's language,
// and counts with their singular.
import type { Explanation } from "../../lib/api";
import { t } from "../../lib/i18n/index.svelte";
import type { Locale, MessageKey } from "../../lib/i18n/index.svelte";

export function explanation(text: Explanation, locale: Locale): string {
  return locale === "zh-CN" ? text.zhCn : text.en;
}

export function counted(count: number, one: MessageKey, other: MessageKey): string {
  return count === 1 ? t(one) : t(other, { count });
}
