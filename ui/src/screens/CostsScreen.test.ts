// The keep-costs screen, from what the core answers for the sample (src/test/fixtures.ts).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLocale } from "../lib/i18n/index.svelte";
import { fixtures } from "../test/fixtures";
import { backend, commandError, resetApp } from "../test/helpers";
import CostsScreen from "./CostsScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

describe("keep costs screen", () => {
  it("shows the core's totals per currency, never added across currencies", async () => {
    const report = fixtures.keepCostReport();
    backend({ keep_cost_report: () => report });
    render(CostsScreen);
    const totals = await screen.findAllByTestId("costs-total");
    expect(totals.map((t) => t.dataset.currency)).toEqual(report.totals.map((t) => t.currency));
    expect(totals.length).toBeGreaterThan(3);
    const eur = totals.find((t) => t.dataset.currency === "EUR")!;
    // ALDI TALK: one €5.00 top-up a year keeps it; €15.00 was spent, so €10.00 could be saved.
    expect(within(eur).getByTestId("costs-total-minimum")).toHaveTextContent("€5.00");
    expect(within(eur).getByTestId("costs-total-spent")).toHaveTextContent("€15.00");
    expect(within(eur).getByTestId("costs-total-saving")).toHaveTextContent("€10.00");
    expect(eur).toHaveTextContent("The least to keep 1 number");
    const gbp = totals.find((t) => t.dataset.currency === "GBP")!;
    expect(within(gbp).getByTestId("costs-total-minimum")).toHaveTextContent("£50.00");
    expect(gbp).toHaveTextContent("The least to keep 2 numbers");
    // The spare number has no rule: it is said to be left out.
    expect(report.unknownLines).toBe(1);
    expect(screen.getByTestId("costs-unknown")).toHaveTextContent("1 number has no known minimum");
    expect(document.documentElement.dataset.ready).toBe("true");
  });

  it("lists every number with its own figures, each opening its page", async () => {
    const report = fixtures.keepCostReport();
    backend({ keep_cost_report: () => report });
    render(CostsScreen);
    const rows = await screen.findAllByTestId("costs-line");
    expect(rows.map((r) => r.dataset.lineId)).toEqual(report.lines.map((l) => l.lineId));
    const aldi = rows.find((r) => r.dataset.lineId === fixtures.lineId("aldi"))!;
    expect(aldi).toHaveAttribute("href", `#/line/${fixtures.lineId("aldi")}`);
    expect(within(aldi).getByTestId("costs-line-minimum")).toHaveTextContent("€5.00 a year");
    expect(within(aldi).getByTestId("costs-line-saving")).toHaveTextContent("Save €10.00");
    const spare = rows.find((r) => r.dataset.lineId === fixtures.lineId("spare"))!;
    expect(within(spare).getByTestId("costs-line-minimum")).toHaveTextContent("Not known yet");
    expect(within(spare).queryByTestId("costs-line-saving")).toBeNull();
  });

  it("speaks Chinese and says when there is nothing to count", async () => {
    setLocale("zh-CN");
    backend({ keep_cost_report: () => fixtures.keepCostReport("empty") });
    render(CostsScreen);
    expect(await screen.findByTestId("costs-empty")).toHaveTextContent("添加号码后");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("保号花费");
    expect(screen.queryByTestId("costs-total")).toBeNull();
  });

  it("shows the core's error and tries again", async () => {
    let fail = true;
    const { calls } = backend({
      keep_cost_report: () => {
        if (fail) throw commandError("not_found", "id");
        return fixtures.keepCostReport();
      },
    });
    render(CostsScreen);
    const problem = await screen.findByTestId("costs-error");
    fail = false;
    await fireEvent.click(within(problem).getByRole("button"));
    await waitFor(() => expect(screen.getAllByTestId("costs-total").length).toBeGreaterThan(0));
    expect(calls.filter(([cmd]) => cmd === "keep_cost_report")).toHaveLength(2);
  });
});
