import { render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateTime } from "../lib/format";
import { setLocale } from "../lib/i18n/index.svelte";
import { fixtures } from "../test/fixtures";
import { argsOf, backend, commandError, resetApp } from "../test/helpers";
import RenewalDaysScreen from "./RenewalDaysScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

describe("renewal days", () => {
  it("shows the core's days in order, each with its reason and lines", async () => {
    const plan = fixtures.renewalPlan();
    expect(plan.days.length).toBeGreaterThan(0);
    const { calls } = backend({ renewal_days_get: () => plan });
    render(RenewalDaysScreen);

    const days = await screen.findAllByTestId("renewal-day");
    expect(argsOf(calls, "renewal_days_get")).toEqual([{ options: { maxDaysEarly: null } }]);
    expect(days.map((d) => d.dataset.date)).toEqual(plan.days.map((d) => d.date));
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    days.forEach((day, i) => {
      const want = plan.days[i]!;
      expect(within(day).getByTestId("renewal-day-reason")).toHaveTextContent(want.reasonText.en);
      const links = within(day).getAllByTestId("renewal-day-line");
      expect(links.map((a) => a.dataset.lineId)).toEqual(want.lines.map((l) => l.lineId));
      expect(links[0]).toHaveAttribute("href", `#/line/${want.lines[0]!.lineId}`);
      // The instant to renew before, in the user's words, never the raw RFC 3339 text.
      if (want.renewBefore)
        expect(within(day).getByTestId("renewal-day-before")).toHaveTextContent(
          `Renew before ${formatDateTime(want.renewBefore, "en")}`,
        );
    });
    const total = plan.days.reduce((n, d) => n + d.lines.length, 0);
    expect(screen.getByTestId("renewal-days-summary")).toHaveTextContent(
      `${plan.days.length === 1 ? "1 day" : `${plan.days.length} days`} to renew ${total === 1 ? "1 number" : `${total} numbers`}`,
    );
    // The sample's number without a carrier rule is left out, with the core's reason.
    const leftOut = screen.getByTestId("planning-left-out");
    const spare = plan.leftOut.find((l) => l.lineId === fixtures.lineId("spare"))!;
    expect(leftOut).toHaveTextContent(spare.text.en);
  });

  it("shows each line's cost and the deadline it is renewed ahead of", async () => {
    const plan = fixtures.renewalPlan();
    backend({ renewal_days_get: () => plan });
    render(RenewalDaysScreen);
    const lines = await screen.findAllByTestId("renewal-day-line");
    const all = plan.days.flatMap((d) => d.lines);
    const priced = all.findIndex((l) => l.cost !== null && !l.overdue);
    expect(priced).toBeGreaterThanOrEqual(0);
    const cost = all[priced]!.cost!;
    expect(within(lines[priced]!).getByTestId("renewal-day-cost").textContent).toMatch(
      new RegExp(((cost.minor ?? 0) / 100).toFixed(2).replace(".", "[.,]")),
    );
    expect(lines[priced]).toHaveTextContent("Deadline");
  });

  it("speaks Chinese with the core's Chinese reasons", async () => {
    setLocale("zh-CN");
    const plan = fixtures.renewalPlan();
    backend({ renewal_days_get: () => plan });
    render(RenewalDaysScreen);
    await screen.findAllByTestId("renewal-day");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("续费日");
    expect(screen.getAllByTestId("renewal-day-reason")[0]).toHaveTextContent(
      plan.days[0]!.reasonText.zhCn,
    );
  });

  it("says when there is nothing to plan", async () => {
    backend({ renewal_days_get: () => fixtures.renewalPlan("empty") });
    render(RenewalDaysScreen);
    expect(await screen.findByTestId("renewal-days-empty")).toHaveTextContent(
      "Nothing to plan yet",
    );
  });

  it("shows the core's error and tries again", async () => {
    let fail = true;
    backend({
      renewal_days_get: () => {
        if (fail) throw commandError("not_found", "id");
        return fixtures.renewalPlan();
      },
    });
    render(RenewalDaysScreen);
    const alert = await screen.findByRole("alert");
    fail = false;
    within(alert).getByRole("button").click();
    expect(await screen.findAllByTestId("renewal-day")).not.toHaveLength(0);
  });
});
