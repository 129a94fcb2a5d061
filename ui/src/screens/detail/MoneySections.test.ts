import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LinePlan, Promotion } from "../../lib/api";
import { setNumberLocale } from "../../lib/numberFormat.svelte";
import { fixtures } from "../../test/fixtures";
import {
  argsOf,
  backend,
  commandError,
  CURRENCIES,
  makeEvent,
  makeLine,
  makeSummary,
  resetApp,
} from "../../test/helpers";
import KeepCostSection from "./KeepCostSection.svelte";
import PlanSection from "./PlanSection.svelte";
import PromotionsSection from "./PromotionsSection.svelte";
import RenewalHintsSection from "./RenewalHintsSection.svelte";

beforeEach(resetApp);
afterEach(resetApp);

// The line every summary made by makeSummary belongs to.
const LINE = makeLine().id;

/** The Ultra sample's current plan (PayGo $3 a month), changed by `overrides`. */
function plan(overrides: Partial<LinePlan> = {}): LinePlan {
  const current = fixtures.plans("ultra").find((p) => p.current)!;
  return { ...current, lineId: LINE, ...overrides };
}

describe("plan section", () => {
  it("shows the current plan and its history, and adds a plan in minor units", async () => {
    let plans = fixtures.plans("ultra");
    expect(plans.map((p) => p.current)).toEqual([true, false]);
    const { calls } = backend({
      plan_list: () => plans,
      plan_add: (args) => {
        const input = args.input as LinePlan;
        plans = [{ ...plan(), ...input, id: "plan-2", current: false }, ...plans];
        return plans[0];
      },
    });
    render(PlanSection, { props: { lineId: LINE, currencies: CURRENCIES, preferred: ["CNY"] } });
    const current = await screen.findByTestId("plan-current");
    expect(current).toHaveTextContent("PayGo $3");
    expect(current).toHaveTextContent("US$3.00");
    expect(current).toHaveTextContent("1 GB data");
    expect(current).toHaveTextContent("renews automatically");
    expect(current).toHaveTextContent("Since 1 Jun 2025");
    expect(screen.getAllByTestId("plan-row")).toHaveLength(1);

    await fireEvent.click(screen.getByTestId("plan-add"));
    const form = screen.getByTestId("plan-form");
    await fireEvent.input(within(form).getByTestId("plan-name"), { target: { value: "Saver" } });
    await fireEvent.input(within(form).getByTestId("plan-price"), { target: { value: "5.5" } });
    await fireEvent.input(within(form).getByTestId("plan-minutes"), { target: { value: "100" } });
    await fireEvent.input(within(form).getByTestId("plan-started"), {
      target: { value: "2026-04-01" },
    });
    await fireEvent.click(within(form).getByTestId("plan-save"));
    await waitFor(() => expect(argsOf(calls, "plan_add")).toHaveLength(1));
    expect(argsOf(calls, "plan_add")[0]).toEqual({
      lineId: LINE,
      input: {
        name: "Saver",
        price: { minor: 550, currency: "CNY" },
        period: { months: 1 },
        dataMb: null,
        minutes: 100,
        sms: null,
        autoRenew: false,
        startedOn: "2026-04-01",
        note: "",
      },
    });
    await waitFor(() => expect(screen.queryByTestId("plan-form")).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId("plan-row")).toHaveLength(2));
  });

  it("places Rust's error by field and reads only digits itself", async () => {
    const { calls } = backend({
      plan_list: () => [],
      plan_add: () => {
        throw commandError("required", "name");
      },
    });
    render(PlanSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("plan-none")).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId("plan-add"));
    const form = screen.getByTestId("plan-form");
    await fireEvent.input(within(form).getByTestId("plan-data"), { target: { value: "1GB" } });
    await fireEvent.click(within(form).getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-error-allowance")).toHaveTextContent("whole number");
    expect(argsOf(calls, "plan_add")).toHaveLength(0);
    await fireEvent.input(within(form).getByTestId("plan-data"), { target: { value: "" } });
    await fireEvent.click(within(form).getByTestId("plan-save"));
    expect(await screen.findByTestId("plan-error-name")).toHaveTextContent("Name");
  });
});

describe("plan section deletes", () => {
  it("deletes the current plan through the core and shows what is left", async () => {
    let plans = fixtures.plans("ultra");
    const current = plans.find((p) => p.current)!;
    const { calls } = backend({
      plan_list: () => plans,
      plan_delete: (args) => {
        plans = plans.filter((p) => p.id !== args.id).map((p) => ({ ...p, current: true }));
        return null;
      },
    });
    render(PlanSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    await fireEvent.click(await screen.findByTestId("plan-delete-current"));
    await waitFor(() => expect(argsOf(calls, "plan_delete")).toEqual([{ id: current.id }]));
    await waitFor(() => expect(screen.getByTestId("plan-current")).toHaveTextContent("PayGo $5"));
    expect(screen.queryByTestId("plan-row")).toBeNull();
  });
});

describe("plan section errors", () => {
  it("shows the core's currency error under the price, and others at the top of the form", async () => {
    let error = commandError("required", "currency");
    backend({
      plan_list: () => [],
      plan_add: () => {
        throw error;
      },
    });
    render(PlanSection, { props: { lineId: LINE, currencies: CURRENCIES, preferred: ["CNY"] } });
    await fireEvent.click(await screen.findByTestId("plan-add"));
    const form = screen.getByTestId("plan-form");
    await fireEvent.input(within(form).getByTestId("plan-name"), { target: { value: "Saver" } });
    await fireEvent.click(within(form).getByTestId("plan-save"));
    const price = await screen.findByTestId("plan-error-price");
    expect(price.id).toBe("plan-price-error");
    expect(within(form).getByTestId("plan-price")).toHaveAttribute("aria-invalid", "true");
    error = commandError("not_found", "id");
    await fireEvent.click(within(form).getByTestId("plan-save"));
    await waitFor(() => expect(screen.queryByTestId("plan-error-price")).toBeNull());
    expect(within(form).getByRole("alert")).toHaveClass("form-error");
  });

  it("reads a decimal comma as the user meant it", async () => {
    const { calls } = backend({ plan_list: () => [], plan_add: () => plan() });
    setNumberLocale("de-DE");
    render(PlanSection, { props: { lineId: LINE, currencies: CURRENCIES, preferred: ["EUR"] } });
    await fireEvent.click(await screen.findByTestId("plan-add"));
    const form = screen.getByTestId("plan-form");
    await fireEvent.input(within(form).getByTestId("plan-name"), { target: { value: "Basis" } });
    await fireEvent.input(within(form).getByTestId("plan-price"), { target: { value: "7,99" } });
    await fireEvent.click(within(form).getByTestId("plan-save"));
    await waitFor(() => expect(argsOf(calls, "plan_add")).toHaveLength(1));
    const input = (argsOf(calls, "plan_add")[0] as { input: LinePlan }).input;
    expect(input.price).toEqual({ minor: 799, currency: "EUR" });
  });
});

describe("keep cost section", () => {
  it("shows the minimum, where it comes from, the spend and the saving", async () => {
    // ALDI TALK: one €5.00 top-up a year keeps it; €15.00 was spent over the last 12 months.
    backend({ line_keep_cost: () => fixtures.keepCost("aldi") });
    render(KeepCostSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("keep-cost-minimum")).toHaveTextContent("€5.00");
    expect(screen.getByTestId("keep-cost-basis")).toHaveAttribute("data-basis", "tiers");
    expect(screen.getByTestId("keep-cost-basis")).toHaveTextContent("top-up tiers");
    expect(screen.getByTestId("keep-cost-spent")).toHaveTextContent("€15.00");
    expect(screen.getByTestId("keep-cost-saving")).toHaveTextContent("€10.00");
  });

  it("says when the cost comes from the user's own last amount", async () => {
    const cost = fixtures.keepCost("giffgaff");
    expect(cost.basis).toBe("last_amount");
    backend({ line_keep_cost: () => cost });
    render(KeepCostSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("keep-cost-basis")).toHaveTextContent("amount you last paid");
    expect(screen.getByTestId("keep-cost-minimum")).toHaveTextContent("£20.00");
  });

  it("says when the cost is not known", async () => {
    backend({ line_keep_cost: () => fixtures.keepCost("spare") });
    render(KeepCostSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("keep-cost-minimum")).toHaveTextContent("Not known yet");
    expect(screen.queryByTestId("keep-cost-saving")).toBeNull();
  });
});

describe("promotions section", () => {
  it("lists promotions and adds one on the carrier with a remind-me date", async () => {
    // The 3HK sample's promotions: one on the number, one on its carrier.
    let list = fixtures.promotions("3hk");
    const { calls } = backend({
      promotion_list: () => list,
      promotion_add: (args) => {
        const created = { ...list[0]!, ...(args.input as Promotion), id: "p2" };
        list = [...list, created];
        return created;
      },
    });
    render(PromotionsSection, {
      props: { lineId: LINE, carrierId: "preset:hk-3hk", carrierName: "3HK" },
    });
    const [onLine, onCarrier] = await screen.findAllByTestId("promo-row");
    expect(onLine).toHaveTextContent("Double data");
    expect(within(onLine!).getByTestId("promo-remind")).toHaveTextContent(
      "Reminder on 20 Mar 2026",
    );
    expect(onLine).toHaveTextContent("31 Mar 2026");
    expect(onCarrier).toHaveTextContent("3HK");
    await fireEvent.click(screen.getByTestId("promo-add"));
    await fireEvent.input(screen.getByTestId("promo-text"), { target: { value: "HK$10 off" } });
    await fireEvent.click(screen.getByTestId("promo-on-carrier"));
    await fireEvent.input(screen.getByTestId("promo-remind-on"), {
      target: { value: "2026-11-01" },
    });
    await fireEvent.click(screen.getByTestId("promo-save"));
    await waitFor(() => expect(argsOf(calls, "promotion_add")).toHaveLength(1));
    expect(argsOf(calls, "promotion_add")[0]).toEqual({
      input: {
        lineId: null,
        carrierId: "preset:hk-3hk",
        text: "HK$10 off",
        remindOn: "2026-11-01",
        expiresOn: null,
      },
    });
    await waitFor(() => expect(screen.getAllByTestId("promo-row")).toHaveLength(3));
  });

  it("shows Rust's error next to the field", async () => {
    backend({
      promotion_list: () => [],
      promotion_add: () => {
        throw commandError("out_of_range", "remindOn");
      },
    });
    render(PromotionsSection, { props: { lineId: LINE } });
    await fireEvent.click(await screen.findByTestId("promo-add"));
    expect(screen.queryByTestId("promo-on-carrier")).toBeNull();
    await fireEvent.input(screen.getByTestId("promo-text"), { target: { value: "x" } });
    await fireEvent.click(screen.getByTestId("promo-save"));
    expect(await screen.findByTestId("promo-error-remindOn")).toBeInTheDocument();
  });
});

describe("renewal hints", () => {
  it("asks for the last activity and answers today in one tap", async () => {
    const { calls } = backend({ event_add: () => makeEvent() });
    const today = {
      occurredAt: "2026-03-03T09:00:00Z",
      kind: "topup" as const,
      amount: null,
      method: null,
      channel: null,
      reference: "",
      note: "",
      balanceAfter: null,
    };
    const summary = makeSummary({
      status: "unknown",
      needsLastActivity: { kinds: ["topup", "plan_payment"], today, needsAmount: false },
    });
    render(RenewalHintsSection, { props: { summary } });
    expect(screen.getByTestId("last-activity")).toHaveTextContent("Top-up");
    await fireEvent.click(screen.getByTestId("last-activity-today"));
    await waitFor(() =>
      expect(argsOf(calls, "event_add")).toEqual([{ lineId: LINE, input: today }]),
    );
  });

  it("asks for the balance with its amount before logging it", async () => {
    const { calls } = backend({ event_add: () => makeEvent() });
    const today = {
      occurredAt: "2026-03-03T09:00:00Z",
      kind: "balance_check" as const,
      amount: null,
      method: null,
      channel: null,
      reference: "",
      note: "",
      balanceAfter: null,
    };
    const summary = makeSummary({
      needsLastActivity: { kinds: ["balance_check"], today, needsAmount: true },
    });
    render(RenewalHintsSection, { props: { summary, currencies: CURRENCIES, preferred: ["CNY"] } });
    await fireEvent.click(screen.getByTestId("last-activity-today"));
    expect(argsOf(calls, "event_add")).toHaveLength(0);
    expect(await screen.findByTestId("last-activity-error")).toHaveTextContent(
      "Enter the amount first",
    );
    await fireEvent.input(screen.getByTestId("last-activity-amount"), { target: { value: "38" } });
    await fireEvent.click(screen.getByTestId("last-activity-today"));
    await waitFor(() =>
      expect(argsOf(calls, "event_add")).toEqual([
        { lineId: LINE, input: { ...today, balanceAfter: { minor: 3800, currency: "CNY" } } },
      ]),
    );
  });

  it("says when the latest logged activity does not count", () => {
    const call = makeEvent({ id: "call-1", kind: "call", occurredAt: "2026-03-04T10:00:00Z" });
    const summary = makeSummary({
      uncounted: [{ eventId: "call-1", reason: "kind_does_not_count" }],
      lastCounted: makeEvent({ occurredAt: "2026-03-01T10:00:00Z" }),
    });
    render(RenewalHintsSection, { props: { summary, events: [call] } });
    expect(screen.getByTestId("not-counted")).toHaveTextContent("does not count");
    expect(screen.getByTestId("not-counted")).toHaveTextContent("did not move the deadline");
  });
});
