import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Dashboard, DashboardItem, LineQuery, LineSummary } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { data } from "../lib/store.svelte";
import { toasts } from "../lib/toast.svelte";
import { fixtures } from "../test/fixtures";
import { argsOf, backend, makeLine, makeSummary, resetApp } from "../test/helpers";
import ListScreen from "./ListScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

/** The core's answer for a query, from the recorded sample (no answer: nothing matches). */
function recorded(state = "sample") {
  return (args: Record<string, unknown>): Dashboard => {
    try {
      return fixtures.dashboard(args.query as LineQuery, state);
    } catch {
      return { needsAction: [], others: [] };
    }
  };
}

const item = (summary: LineSummary): DashboardItem => ({
  summary,
  nextAction: null,
  nextCost: null,
});

function queries(calls: [string, unknown][]): LineQuery[] {
  return argsOf<{ query: LineQuery }>(calls, "dashboard_get").map((a) => a.query);
}

const sample = () => ({
  dashboard_get: recorded(),
  line_facets: () => fixtures.facets(),
  bin_list: () => fixtures.bin("sample"),
});

describe("dashboard", () => {
  it("puts what needs action on top, with countdown, next action and its cost", async () => {
    backend(sample());
    render(ListScreen);
    const needs = await screen.findByTestId("needs-action-list");
    expect(screen.getByTestId("needs-action-list-title")).toHaveTextContent("Needs action, 3");
    const top = within(needs)
      .getAllByTestId("line-label")
      .map((l) => l.textContent);
    expect(top).toEqual(["香港 3HK 储值卡", "giffgaff UK", "Ultra PayGo"]);
    const others = within(screen.getByTestId("other-lines"))
      .getAllByTestId("line-label")
      .map((l) => l.textContent);
    expect(others).toEqual(["Smart travel SIM", "ALDI TALK", "Singapore spare", "Old ASDA number"]);
    // The cost is the core's, formatted in the number format.
    const next = within(needs).getAllByTestId("line-next");
    expect(next[0]).toHaveTextContent("Top-up · HK$50.00");
    expect(next[1]).toHaveTextContent("£10.00");
    const statuses = within(needs).getAllByTestId("line-status");
    expect(statuses.map((s) => s.dataset.status)).toEqual(["overdue", "due_soon", "due_soon"]);
    // Screen readers hear each row's place in its list.
    const rows = within(needs).getAllByRole("listitem");
    expect(rows[1]).toHaveAttribute("aria-posinset", "2");
    expect(rows[1]).toHaveAttribute("aria-setsize", "3");
    expect(screen.getByTestId("line-count")).toHaveTextContent("7 numbers");
  });

  it("narrows the list with filters from the core's choices and sends them whole", async () => {
    const { calls } = backend(sample());
    render(ListScreen);
    await screen.findByTestId("needs-action-list");
    await fireEvent.click(screen.getByTestId("filters-toggle"));
    const country = screen.getByTestId("filter-country") as HTMLSelectElement;
    // The choices are the core's, named in the UI's language.
    const options = [...country.options].map((o) => o.value);
    expect(options).toEqual(["", ...fixtures.facets().countries.map((c) => c.value)]);
    await fireEvent.change(country, { target: { value: "GB" } });
    await waitFor(() =>
      expect(screen.getAllByTestId("line-label").map((l) => l.textContent)).toEqual([
        "giffgaff UK",
        "Old ASDA number",
      ]),
    );
    expect(queries(calls).at(-1)).toEqual({
      search: null,
      archive: "active",
      needsAction: false,
      statuses: [],
      tag: null,
      country: "GB",
      carrier: null,
      sort: "urgency",
    });
    expect(screen.getByTestId("filters-toggle")).toHaveTextContent("Filter and sort (1)");

    await fireEvent.change(screen.getByTestId("filter-country"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("filter-status"), { target: { value: "lost" } });
    await fireEvent.change(screen.getByTestId("filter-tag"), { target: { value: "PayPal" } });
    await screen.findByTestId("no-matches");
    await fireEvent.click(screen.getByTestId("clear-filters"));
    await screen.findByTestId("needs-action-list");
  });

  it("sorts as the core sorts", async () => {
    const { calls } = backend(sample());
    render(ListScreen);
    await screen.findByTestId("needs-action-list");
    await fireEvent.click(screen.getByTestId("filters-toggle"));
    await fireEvent.change(screen.getByTestId("sort"), { target: { value: "label" } });
    await waitFor(() => expect(queries(calls).at(-1)?.sort).toBe("label"));
    await waitFor(() =>
      expect(screen.getAllByTestId("line-label")[0]).toHaveTextContent("giffgaff UK"),
    );
  });

  it("renders only the rows in view of 10,000", async () => {
    const base = fixtures.dashboard().others[0]!;
    const many: DashboardItem[] = Array.from({ length: 10_000 }, (_, i) => ({
      ...base,
      summary: {
        ...base.summary,
        line: { ...base.summary.line, id: `id-${i}`, label: `Line ${i}` },
      },
    }));
    backend({ ...sample(), dashboard_get: () => ({ needsAction: [], others: many }) });
    render(ListScreen);
    const list = await screen.findByTestId("other-lines");
    expect(list).toHaveAttribute("data-count", "10000");
    const rendered = within(list).getAllByRole("listitem");
    expect(rendered.length).toBeGreaterThan(3);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered.at(-1)).toHaveAttribute("aria-setsize", "10000");
    // The arrow keys reach a row that was not rendered yet.
    const first = within(list).getAllByTestId("line-item")[0]!;
    first.focus();
    await fireEvent.keyDown(first, { key: "End" });
    await waitFor(() =>
      expect(document.activeElement?.closest("[data-index]")).toHaveAttribute("data-index", "9999"),
    );
  });

  it("selects several numbers and logs one renewal for all of them", async () => {
    const { calls } = backend({
      ...sample(),
      renewal_prefill_get: () => fixtures.prefill("giffgaff"),
      line_get: () => fixtures.summary("giffgaff"),
      lines_bulk: (args) => ({ lines: (args.ids as string[]).length }),
    });
    render(ListScreen);
    const needs = await screen.findByTestId("needs-action-list");
    await fireEvent.click(screen.getByTestId("select-toggle"));
    const checks = within(needs).getAllByTestId("line-check");
    await fireEvent.click(checks[0]!);
    await fireEvent.click(checks[1]!);
    expect(screen.getByTestId("line-count")).toHaveTextContent("2 selected");
    await fireEvent.click(screen.getByTestId("select-all"));
    expect(screen.getByTestId("line-count")).toHaveTextContent("7 selected");
    await fireEvent.click(screen.getByTestId("select-all"));
    await fireEvent.click(checks[0]!);
    await fireEvent.click(checks[2]!);
    await fireEvent.click(screen.getByTestId("bulk-renew"));
    await fireEvent.click(await screen.findByTestId("bulk-renew-save"));
    await waitFor(() => expect(argsOf(calls, "lines_bulk")).toHaveLength(1));
    const sent = argsOf<{ ids: string[]; action: { kind: string } }>(calls, "lines_bulk")[0]!;
    expect(sent.ids).toEqual([fixtures.lineId("3hk"), fixtures.lineId("ultra")]);
    expect(sent.action.kind).toBe("renewal");
    // Done: the selection ends and the list reloads.
    await waitFor(() => expect(screen.queryByTestId("bulk-bar")).toBeNull());
  });

  it("names the number a bulk action failed on", async () => {
    backend({
      ...sample(),
      lines_bulk: () => {
        throw {
          ...fixtures.bulkError(),
          location: { ...fixtures.bulkError().location!, id: fixtures.lineId("giffgaff") },
        };
      },
    });
    render(ListScreen);
    const needs = await screen.findByTestId("needs-action-list");
    await fireEvent.click(screen.getByTestId("select-toggle"));
    await fireEvent.click(within(needs).getAllByTestId("line-check")[1]!);
    await fireEvent.click(screen.getByTestId("bulk-archive"));
    await waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toContain(
        "giffgaff UK: This number no longer exists. It may have been deleted.",
      ),
    );
  });

  it("shows the recycle bin with restore and delete forever", async () => {
    const { calls } = backend({
      ...sample(),
      bin_list: () => fixtures.bin(),
      line_restore: () => fixtures.bin()[0]!.line,
    });
    render(ListScreen);
    await screen.findByTestId("needs-action-list");
    await fireEvent.click(screen.getByTestId("filter-bin"));
    const row = await screen.findByTestId("bin-item");
    expect(row).toHaveTextContent("Singapore spare");
    expect(row).toHaveTextContent("+65 9123 4567");
    expect(screen.getByTestId("bin")).toHaveTextContent(
      `stay here for ${fixtures.limits.binDays} days`,
    );
    await fireEvent.click(screen.getByTestId("bin-restore"));
    await waitFor(() => expect(argsOf(calls, "line_restore")).toHaveLength(1));
  });
});

describe("line list", () => {
  it("searches with the typed text, debounced, and shows no-results", async () => {
    const { calls } = backend(sample());
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    const input = screen.getByTestId("search");
    for (const value of ["g", "gi", "zzz"]) await fireEvent.input(input, { target: { value } });
    const none = await screen.findByTestId("no-results");
    expect(none).toHaveTextContent("Nothing matches “zzz”");
    expect(queries(calls).map((q) => q.search)).toEqual([null, "zzz"]);
    expect(screen.queryByTestId("empty-state")).toBeNull();
  });

  it("shows the empty state with one add button when nothing is saved", async () => {
    setLocale("zh-CN");
    backend({
      dashboard_get: recorded("empty"),
      line_facets: () => fixtures.facets("empty"),
    });
    render(ListScreen);
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("添加第一个号码");
    expect(screen.getAllByTestId("add-line")).toHaveLength(1);
    expect(screen.queryByTestId("line-list")).toBeNull();
  });

  it("switches to archived lines", async () => {
    const { calls } = backend(sample());
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    await fireEvent.click(screen.getByTestId("filter-archived"));
    await waitFor(() => expect(screen.getAllByTestId("line-item")).toHaveLength(1));
    expect(screen.getByTestId("line-label")).toHaveTextContent("Old CMHK card");
    expect(queries(calls).at(-1)?.archive).toBe("archived");
  });

  it("opens on needs action when a notification asked for it", async () => {
    data.listFilter = "needs";
    const { calls } = backend(sample());
    render(ListScreen);
    await screen.findByTestId("needs-action-list");
    expect(queries(calls)[0]?.needsAction).toBe(true);
  });

  it("keeps the archive reachable when every line is archived", async () => {
    backend({
      ...sample(),
      dashboard_get: (args) =>
        (args.query as LineQuery).archive === "active"
          ? { needsAction: [], others: [] }
          : fixtures.dashboard({ archive: "archived" }),
    });
    render(ListScreen);
    await screen.findByTestId("empty-active");
    expect(screen.queryByTestId("empty-state")).toBeNull();
    expect(screen.getByTestId("filter-archived")).toBeInTheDocument();
  });
});

describe("line list statuses", () => {
  it("says the days left in Chinese", async () => {
    setLocale("zh-CN");
    const rows = [
      makeSummary({ ruleSource: "carrier", status: "due_soon", daysLeft: 12 }),
      makeSummary({
        line: makeLine({ id: "x2", e164: "+2" }),
        ruleSource: "carrier",
        status: "overdue",
        daysLeft: -3,
      }),
      makeSummary({ line: makeLine({ id: "x3", e164: "+3" }) }),
      makeSummary({
        line: makeLine({ id: "x4", e164: "+4" }),
        ruleSource: "line",
        status: "lost",
      }),
    ];
    backend({
      ...sample(),
      dashboard_get: () => ({ needsAction: [], others: rows.map(item) }),
    });
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    expect(screen.getAllByTestId("line-days-left").map((d) => d.textContent)).toEqual([
      "还剩 12 天",
      "已逾期 3 天",
      "未设置规则",
      "已失效",
    ]);
  });
});
