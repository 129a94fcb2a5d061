// Reminder settings as the UI holds them, the helpers the settings screen and the line page
// share, the language sync with the Rust side, and where a tapped notification leads.
import { call, commands, listenOpenTarget } from "./api";
import type { CommandError, Lang, OpenTarget, Settings } from "./api";
import type { Locale } from "./i18n/index.svelte";
import { t } from "./i18n/index.svelte";
import { paths, router } from "./router.svelte";
import { data } from "./store.svelte";

// ---- settings ----------------------------------------------------------------------------

let current = $state<Settings | null>(null);
let pending: Promise<Settings | CommandError> | null = null;

export const settings = {
  /** The last settings Rust sent, or null before the first load. */
  get current(): Settings | null {
    return current;
  },
  set current(value: Settings | null) {
    current = value;
  },
  /** Loads (once; `force` reloads, e.g. when the app comes back from the system settings). */
  load(force = false): Promise<Settings | CommandError> {
    if (force) pending = null;
    pending ??= call(commands.settingsGet()).then((r) => {
      if (r.status === "ok") {
        current = r.data;
        return r.data;
      }
      pending = null;
      return r.error;
    });
    return pending;
  },
  /** Test hook. */
  reset(): void {
    current = null;
    pending = null;
    localeRevision = 0;
    lastSentLocale = null;
  },
};

// ---- language ----------------------------------------------------------------------------

export function langOf(locale: Locale): Lang {
  return locale === "zh-CN" ? "zh_cn" : "en";
}

let localeRevision = $state(0);
let lastSentLocale: Locale | null = null;

/** Bumps after Rust has the UI's language, so texts it makes (upcoming reminders) can reload. */
export function localeSynced(): number {
  return localeRevision;
}

/** Tells Rust the UI's language (notifications and the tray follow it). */
export async function syncLocale(locale: Locale): Promise<void> {
  if (lastSentLocale === locale) return;
  lastSentLocale = locale;
  const result = await call(commands.settingsSetLocale(langOf(locale)));
  if (result.status !== "ok") lastSentLocale = null;
  localeRevision += 1;
}

// ---- navigation from a tapped notification -----------------------------------------------

/** A line's page, or (lineId null) the list on "needs action". */
export function openTarget(target: OpenTarget): void {
  if (target.lineId) {
    router.navigate(paths.detail(target.lineId));
  } else {
    data.listFilter = "needs";
    router.navigate(paths.list());
  }
}

/** Follows taps from now on, and takes the one that happened before the page listened.
 * Returns the function that stops listening. */
export function startNavigation(): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void listenOpenTarget((target) => {
    openTarget(target);
    // Rust also keeps the target for a page that was not listening yet: it is handled now.
    void call(commands.navigationTake());
  }).then((unlisten) => {
    if (stopped) unlisten();
    else stop = unlisten;
  });
  void call(commands.navigationTake()).then((result) => {
    if (!stopped && result.status === "ok" && result.data) openTarget(result.data);
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

// ---- permission card ---------------------------------------------------------------------

const CARD_KEY = "baohao.permissionCardDismissed";
let cardDismissed = $state(readCardDismissed());

function readCardDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(CARD_KEY) === "1";
  } catch {
    return false;
  }
}

export const permissionCard = {
  get dismissed(): boolean {
    return cardDismissed;
  },
  dismiss(): void {
    cardDismissed = true;
    try {
      globalThis.localStorage?.setItem(CARD_KEY, "1");
    } catch {
      // Private mode: dismissed for this session only.
    }
  },
  /** Test hook. */
  reset(): void {
    cardDismissed = false;
    try {
      globalThis.localStorage?.removeItem(CARD_KEY);
    } catch {
      // ignore
    }
  },
};

/** Mobile only, not yet asked: the app may ask, from the screen that explains why. */
export function shouldOfferPermission(value: Settings | null): boolean {
  return !!value && value.platform !== "desktop" && value.permission === "prompt";
}

/** Where the permission screen's back and "not now" go. */
let permissionReturn = $state<string>(paths.list());
export const permissionScreen = {
  get returnTo(): string {
    return permissionReturn;
  },
  set returnTo(value: string) {
    permissionReturn = value;
  },
};

// ---- words ------------------------------------------------------------------------------

/** Leads in the order they are shown: most days first, each once. (The core stores them the
 * same way; this only orders what is on screen before it is saved.) */
export function byDaysBefore(leads: readonly number[]): number[] {
  return [...new Set(leads)].sort((a, b) => b - a);
}

/** "30 days before" / "1 day before" / "On the day". */
export function leadLabel(days: number): string {
  if (days === 0) return t("reminders.leadOnTheDay");
  return days === 1 ? t("reminders.leadOne") : t("reminders.leadOther", { days });
}

/** "30, 7, 3 and 1 days before, and on the day" in the current language. */
export function leadsSummary(leads: readonly number[], locale: Locale): string {
  const sorted = byDaysBefore(leads);
  if (sorted.length === 0) return t("reminders.leadsNone");
  const before = sorted.filter((d) => d > 0);
  const parts: string[] = [];
  if (before.length > 0) {
    const list = listFormat(
      before.map((d) => String(d)),
      locale,
    );
    const last = before.at(-1);
    parts.push(
      before.length === 1 && last === 1
        ? t("reminders.leadsBeforeOne")
        : t("reminders.leadsBefore", { list }),
    );
  }
  if (sorted.includes(0)) parts.push(t("reminders.leadsOnTheDay"));
  return listFormat(parts, locale);
}

function listFormat(items: string[], locale: Locale): string {
  try {
    return new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** "09:00:00" -> "09:00" for `<input type="time">`. */
export function timeToInput(value: string | null | undefined): string {
  const m = /^(\d{2}):(\d{2})/.exec(value ?? "");
  return m ? `${m[1]}:${m[2]}` : "";
}

/** "09:00" -> "09:00:00" (what the core reads); anything else is sent as typed, for the core
 * to say what is wrong with it. */
export function timeFromInput(value: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}:${m[2]}:00` : value;
}
