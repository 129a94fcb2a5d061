// Shared app state that several screens read. `revision` bumps after every write so the list (shown
// beside the detail on wide screens) reloads; `countries` is fetched once.
import { call, commands } from "./api";
import type { Carrier, CommandError, Country, Currency, Limits, ZoneList } from "./api";
import { setNumberLocale } from "./numberFormat.svelte";

let revision = $state(0);
let countries: Promise<Country[] | CommandError> | null = null;
let currencies: Promise<Currency[] | CommandError> | null = null;
let carriers: Promise<Carrier[] | CommandError> | null = null;
let limits: Promise<Limits | CommandError> | null = null;
let zones: Promise<ZoneList | CommandError> | null = null;
let totalKnownEmpty = $state<boolean | null>(null);

/** The list's tab: every active line, those that need action (overdue or due soon), the
 * archive, or the recycle bin. Shared so a tapped notification can open the list on "needs
 * action". */
export type ListFilter = "active" | "needs" | "archived" | "bin";
let listFilter = $state<ListFilter>("active");

export const data = {
  get revision(): number {
    return revision;
  },
  changed(): void {
    revision += 1;
  },
  /** True when the unfiltered active list came back empty (drives the wide layout). */
  get empty(): boolean | null {
    return totalKnownEmpty;
  },
  set empty(value: boolean | null) {
    totalKnownEmpty = value;
  },
  get listFilter(): ListFilter {
    return listFilter;
  },
  set listFilter(value: ListFilter) {
    listFilter = value;
  },
  countries(): Promise<Country[] | CommandError> {
    countries ??= call(commands.countryList()).then((r) => {
      if (r.status === "ok") return r.data;
      countries = null;
      return r.error;
    });
    return countries;
  },
  currencies(): Promise<Currency[] | CommandError> {
    currencies ??= call(commands.currencyList()).then((r) => {
      if (r.status === "ok") return r.data;
      currencies = null;
      return r.error;
    });
    return currencies;
  },
  /** Every field's limits and what new rules and settings start with (the core's). */
  limits(): Promise<Limits | CommandError> {
    limits ??= call(commands.limitsGet()).then((r) => {
      if (r.status === "ok") return r.data;
      limits = null;
      return r.error;
    });
    return limits;
  },
  /** The zones a time-zone field offers, and the device's. */
  zones(): Promise<ZoneList | CommandError> {
    zones ??= call(commands.zoneList()).then((r) => {
      if (r.status === "ok") return r.data;
      zones = null;
      return r.error;
    });
    return zones;
  },
  /** Presets and the user's own carriers; refetched after `carriersChanged()`. */
  carriers(): Promise<Carrier[] | CommandError> {
    carriers ??= call(commands.carrierList()).then((r) => {
      if (r.status === "ok") return r.data;
      carriers = null;
      return r.error;
    });
    return carriers;
  },
  carriersChanged(): void {
    carriers = null;
    revision += 1;
  },
  /** Test hook: forget cached data between tests. */
  reset(): void {
    revision = 0;
    countries = null;
    currencies = null;
    carriers = null;
    limits = null;
    zones = null;
    totalKnownEmpty = null;
    listFilter = "active";
  },
};

export function markReady(): void {
  if (typeof document !== "undefined") document.documentElement.dataset.ready = "true";
}

/** Reads the OS's number format from the shell (typed amounts are read in it). */
export async function loadNumberFormat(): Promise<void> {
  const info = await call(commands.appInfo());
  if (info.status === "ok") setNumberLocale(info.data.numberLocale);
}
