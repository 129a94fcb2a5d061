import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KeepCost, LinePlan, Promotion } from "../lib/api";
import {
  argsOf,
  backend,
  commandError,
  CURRENCIES,
  makeEvent,
  makeLine,
  makeSummary,
  resetApp,
} from "../test/helpers";
import KeepCostSection from "./KeepCostSection.svelte";
import PlanSection from "./PlanSection.svelte";
import PromotionsSection from "./PromotionsSection.svelte";
import RenewalHints from "./RenewalHints.svelte";

beforeEach(resetApp);
afterEach(resetApp);

// The line every summary made by makeSummary belongs to.
const LINE = makeLine().id;

function plan(overrides: Partial<LinePlan> = {}): LinePlan {
  return {
    id: "plan-1",
    lineId: LINE,
    name: "8 元保号套餐",
    price: { minor: 800, currency: "CNY" },
    period: { months: 1 },
    dataMb: 2048,
    minutes: null,
    sms: null,
    autoRenew: true,
    startedOn: "2026-01-01",
    note: "",
    current: true,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

describe("plan section", () => {
  it("shows the current plan and its history, and adds a plan in minor units", async () => {
    let plans = [
      plan(),
      plan({ id: "plan-0", name: "Old", current: false, startedOn: "2025-01-01" }),
    ];
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
    expect(current).toHaveTextContent("8 元保号套餐");
    expect(current).toHaveTextContent("2 GB data");
    expect(current).toHaveTextContent("renews automatically");
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

describe("keep cost section", () => {
  const cost = (overrides: Partial<KeepCost> = {}): KeepCost => ({
    actions: 2,
    perAction: { minor: 1000, currency: "GBP" },
    minimum: { minor: 2000, currency: "GBP" },
    basis: "last_amount",
    spent: [{ minor: 6000, currency: "GBP" }],
    saving: { minor: 4000, currency: "GBP" },
    ...overrides,
  });

  it("shows the minimum, where it comes from, the spend and the saving", async () => {
    backend({ line_keep_cost: () => cost() });
    render(KeepCostSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("keep-cost-minimum")).toHaveTextContent("£20.00");
    expect(screen.getByTestId("keep-cost-basis")).toHaveAttribute("data-basis", "last_amount");
    expect(screen.getByTestId("keep-cost-basis")).toHaveTextContent("amount you last paid");
    expect(screen.getByTestId("keep-cost-spent")).toHaveTextContent("£60.00");
    expect(screen.getByTestId("keep-cost-saving")).toHaveTextContent("£40.00");
  });

  it("says when the cost is not known", async () => {
    backend({
      line_keep_cost: () =>
        cost({
          actions: null,
          perAction: null,
          minimum: null,
          basis: "unknown",
          spent: [],
          saving: null,
        }),
    });
    render(KeepCostSection, { props: { lineId: LINE, currencies: CURRENCIES } });
    expect(await screen.findByTestId("keep-cost-minimum")).toHaveTextContent("Not known yet");
    expect(screen.queryByTestId("keep-cost-saving")).toBeNull();
  });
});

describe("promotions section", () => {
  const promo = (overrides: Partial<Promotion> = {}): Promotion => ({
    id: "p1",
    lineId: LINE,
    carrierId: null,
    text: "Double data on top-ups over HK$100",
    remindOn: "2026-12-20",
    expiresOn: "2026-12-31",
    expired: false,
    createdAt: "2026-03-03T00:00:00Z",
    updatedAt: "2026-03-03T00:00:00Z",
    ...overrides,
  });

  it("lists promotions and adds one on the carrier with a remind-me date", async () => {
    let list = [promo()];
    const { calls } = backend({
      promotion_list: () => list,
      promotion_add: (args) => {
        const created = { ...promo(), ...(args.input as Promotion), id: "p2" };
        list = [...list, created];
        return created;
      },
    });
    render(PromotionsSection, {
      props: { lineId: LINE, carrierId: "preset:hk-smartone", carrierName: "SmarTone" },
    });
    const row = await screen.findByTestId("promo-row");
    expect(row).toHaveTextContent("Double data");
    expect(within(row).getByTestId("promo-remind")).toHaveTextContent("Reminder on");
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
        carrierId: "preset:hk-smartone",
        text: "HK$10 off",
        remindOn: "2026-11-01",
        expiresOn: null,
      },
    });
    await waitFor(() => expect(screen.getAllByTestId("promo-row")).toHaveLength(2));
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
    render(RenewalHints, { props: { summary } });
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
    render(RenewalHints, { props: { summary, currencies: CURRENCIES, preferred: ["CNY"] } });
    await fireEvent.click(screen.getByTestId("last-activity-today"));
    expect(argsOf(calls, "event_add")).toHaveLength(0);
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
    render(RenewalHints, { props: { summary, events: [call] } });
    expect(screen.getByTestId("not-counted")).toHaveTextContent("does not count");
    expect(screen.getByTestId("not-counted")).toHaveTextContent("did not move the deadline");
  });
});
