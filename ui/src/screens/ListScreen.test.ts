import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineQuery } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { backend, makeLine, makeSummary, resetApp } from "../test/helpers";
import ListScreen from "./ListScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const lines = [
  makeSummary({ line: makeLine() }),
  makeSummary({
    line: makeLine({
      id: "33333333-3333-4333-8333-333333333333",
      e164: "+447700900123",
      displayNumber: "+44 7700 900123",
      label: "giffgaff UK",
      country: "GB",
      tags: ["PayPal"],
    }),
  }),
];

function queries(calls: [string, unknown][]): LineQuery[] {
  return calls
    .filter(([cmd]) => cmd === "line_list")
    .map(([, a]) => (a as { query: LineQuery }).query);
}

describe("line list", () => {
  it("renders a row per line with the formatted number and label", async () => {
    backend({ line_list: () => lines });
    render(ListScreen);
    const rows = await screen.findAllByTestId("line-item");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute("data-line-id", lines[0]!.line.id);
    expect(rows[0]).toHaveAttribute("href", `#/line/${lines[0]!.line.id}`);
    const numbers = screen.getAllByTestId("line-number").map((n) => n.textContent);
    expect(numbers).toEqual(["+63 912 345 6789", "+44 7700 900123"]);
    expect(screen.getAllByTestId("line-label")[1]).toHaveTextContent("giffgaff UK");
    expect(screen.getByTestId("line-list")).toBeInTheDocument();
    expect(document.documentElement.dataset.ready).toBe("true");
  });

  it("shows the empty state with one add button when nothing is saved", async () => {
    setLocale("zh-CN");
    backend({ line_list: () => [] });
    render(ListScreen);
    const empty = await screen.findByTestId("empty-state");
    expect(empty).toHaveTextContent("添加第一个号码");
    expect(screen.getAllByTestId("add-line")).toHaveLength(1);
    expect(screen.queryByTestId("line-list")).toBeNull();
  });

  it("searches through lineList with the typed text and shows no-results", async () => {
    const { calls } = backend({
      line_list: (args) => ((args.query as LineQuery).search ? [] : lines),
    });
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    expect(queries(calls)[0]).toEqual({ search: null, archive: "active", needsAction: false });

    await fireEvent.input(screen.getByTestId("search"), { target: { value: "zzz" } });
    const none = await screen.findByTestId("no-results");
    expect(none).toHaveTextContent("Nothing matches “zzz”");
    expect(queries(calls).at(-1)).toEqual({ search: "zzz", archive: "active", needsAction: false });
    expect(screen.queryByTestId("empty-state")).toBeNull();
  });

  it("debounces typing into one request", async () => {
    const { calls } = backend({ line_list: () => lines });
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    const input = screen.getByTestId("search");
    for (const value of ["g", "gi", "gif"]) await fireEvent.input(input, { target: { value } });
    await waitFor(() => expect(queries(calls).at(-1)?.search).toBe("gif"));
    expect(queries(calls).map((q) => q.search)).toEqual([null, "gif"]);
  });

  it("switches to archived lines", async () => {
    const archived = makeSummary({
      line: makeLine({
        id: "44444444-4444-4444-8444-444444444444",
        label: "Old card",
        archivedAt: "2025-02-01T00:00:00Z",
      }),
    });
    const { calls } = backend({
      line_list: (args) => ((args.query as LineQuery).archive === "archived" ? [archived] : lines),
    });
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    await fireEvent.click(screen.getByTestId("filter-archived"));
    await waitFor(() => expect(screen.getAllByTestId("line-item")).toHaveLength(1));
    expect(screen.getByTestId("line-label")).toHaveTextContent("Old card");
    expect(queries(calls).at(-1)).toEqual({
      search: null,
      archive: "archived",
      needsAction: false,
    });
  });

  it("keeps the archive reachable when every line is archived", async () => {
    const archived = makeSummary({ line: makeLine({ archivedAt: "2025-02-01T00:00:00Z" }) });
    backend({
      line_list: (args) => ((args.query as LineQuery).archive === "active" ? [] : [archived]),
    });
    render(ListScreen);
    await screen.findByTestId("empty-active");
    expect(screen.queryByTestId("empty-state")).toBeNull();
    expect(screen.getByTestId("filter-archived")).toBeInTheDocument();
  });
});

describe("line list statuses", () => {
  it("shows a status badge and the days left on every row, in the order Rust sent", async () => {
    const row = (n: number, overrides: Parameters<typeof makeSummary>[0]) =>
      makeSummary({
        line: makeLine({
          id: `00000000-0000-4000-8000-00000000000${n}`,
          e164: `+4477009001${n}0`,
          label: `Line ${n}`,
        }),
        ruleSource: "carrier",
        ...overrides,
      });
    const items = [
      row(1, { status: "overdue", daysLeft: -3 }),
      row(2, { status: "due_soon", daysLeft: 0 }),
      row(3, { status: "due_soon", daysLeft: 12, balanceLow: true }),
      row(4, { status: "ok", daysLeft: 1 }),
      row(5, { status: "unknown", daysLeft: null, ruleSource: "none" }),
      row(6, { status: "lost", daysLeft: -200 }),
    ];
    backend({ line_list: () => items });
    render(ListScreen);
    const rows = await screen.findAllByTestId("line-item");
    expect(rows.map((r) => r.querySelector('[data-testid="line-label"]')?.textContent)).toEqual([
      "Line 1",
      "Line 2",
      "Line 3",
      "Line 4",
      "Line 5",
      "Line 6",
    ]);
    const statuses = screen.getAllByTestId("line-status");
    expect(statuses.map((s) => s.dataset.status)).toEqual([
      "overdue",
      "due_soon",
      "due_soon",
      "ok",
      "unknown",
      "lost",
    ]);
    expect(statuses[2]).toHaveTextContent("Due soon");
    expect(screen.getAllByTestId("line-days-left").map((d) => d.textContent)).toEqual([
      "3 days overdue",
      "Due today",
      "12 days left",
      "1 day left",
      "No rule",
      "Lost",
    ]);
    expect(screen.getAllByTestId("line-balance-low")).toHaveLength(1);
    expect(rows[2]).toContainElement(screen.getByTestId("line-balance-low"));
  });

  it("says it in Chinese", async () => {
    setLocale("zh-CN");
    backend({
      line_list: () => [
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
        makeSummary({
          line: makeLine({ id: "x5", e164: "+5" }),
          ruleSource: "line",
          daysLeft: 0,
          status: "due_soon",
        }),
      ],
    });
    render(ListScreen);
    await screen.findAllByTestId("line-item");
    expect(screen.getAllByTestId("line-days-left").map((d) => d.textContent)).toEqual([
      "还剩 12 天",
      "已逾期 3 天",
      "未设置规则",
      "已失效",
      "今天截止",
    ]);
  });
});
