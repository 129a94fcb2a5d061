// What the dashboard's filter panel holds, and the query the core gets from it.
import type { ArchiveFilter, LineQuery, LineSort, Status } from "../../lib/api";

export type Filters = {
  status: Status | "";
  tag: string;
  country: string;
  carrier: string;
  sort: LineSort;
};

export function noFilters(): Filters {
  return { status: "", tag: "", country: "", carrier: "", sort: "urgency" };
}

/** How many filters narrow the list (the sort is not one). */
export function activeFilters(f: Filters): number {
  return [f.status, f.tag, f.country, f.carrier].filter((v) => v !== "").length;
}

/** The query for `dashboard_get`: every key present, so equal views ask the same thing. */
export function toQuery(
  search: string,
  archive: ArchiveFilter,
  needsAction: boolean,
  f: Filters,
): LineQuery {
  return {
    search: search || null,
    archive,
    needsAction,
    statuses: f.status ? [f.status] : [],
    tag: f.tag || null,
    country: f.country || null,
    carrier: f.carrier || null,
    sort: f.sort,
  };
}
