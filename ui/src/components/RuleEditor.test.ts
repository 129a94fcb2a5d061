import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RuleSpec } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import {
  argsOf,
  backend,
  commandError,
  CURRENCIES,
  makeCarrier,
  makeLine,
  makeSummary,
  resetApp,
} from "../test/helpers";
import DetailScreen from "../screens/DetailScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const line = makeLine({ id: "line-r", country: "HK" });

function setup(fail?: () => never) {
  const summary = makeSummary({ line });
  return backend({
    line_get: () => summary,
    event_list: () => [],
    currency_list: () => CURRENCIES,
    line_set_rule: (args) => {
      if (fail) fail();
      return makeSummary({ line, rule: args.rule as RuleSpec, ruleSource: "line" });
    },
  });
}

async function openEditor() {
  render(DetailScreen, { props: { id: line.id } });
  await fireEvent.click(await screen.findByTestId("edit-rule"));
  return screen.findByTestId("rule-form");
}

const type = (form: HTMLElement, testId: string, value: string, index = 0) =>
  fireEvent.input(within(form).getAllByTestId(testId)[index]!, { target: { value } });
const choose = (form: HTMLElement, testId: string, value: string, index = 0) =>
  fireEvent.change(within(form).getAllByTestId(testId)[index]!, { target: { value } });

async function save(form: HTMLElement, calls: [string, unknown][]) {
  await fireEvent.click(within(form).getByTestId("rule-save"));
  await waitFor(() => expect(argsOf(calls, "line_set_rule")).toHaveLength(1));
  return argsOf<{ id: string; rule: RuleSpec | null }>(calls, "line_set_rule")[0]!;
}

describe("rule editor", () => {
  it("sends a rolling rule: period, unit, qualifying activities, grace and zone", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "rolling");
    await type(form, "rule-period", "6");
    await choose(form, "rule-period-unit", "months");
    await fireEvent.click(within(form).getByTestId("rule-qualifying-data")); // off
    await fireEvent.click(within(form).getByTestId("rule-grace-on"));
    await type(form, "rule-grace-months", "1");
    await type(form, "rule-grace-days", "15");
    await choose(form, "rule-grace-mode", "incoming_only");
    await type(form, "rule-zone", "Europe/London");
    const sent = await save(form, calls);
    expect(sent).toEqual({
      id: line.id,
      rule: {
        rule: {
          kind: "rolling",
          period: { months: 6 },
          qualifying: ["topup", "call", "sms"],
          charged: [],
        },
        grace: { days: 15, months: 1, mode: "incoming_only", atZeroBalance: false },
        zone: "Europe/London",
      },
    });
    await waitFor(() => expect(screen.queryByTestId("rule-form")).toBeNull());
    expect(screen.getByTestId("rule-summary")).toHaveTextContent(
      "6 months after the last activity",
    );
  });

  it("sends top-up tiers in minor units, rows added and removed", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "topup_validity");
    await type(form, "rule-tier-amount", "50");
    await choose(form, "rule-tier-currency", "HKD");
    await type(form, "rule-tier-days", "90");
    await fireEvent.click(within(form).getByTestId("rule-tier-add"));
    await fireEvent.click(within(form).getByTestId("rule-tier-add"));
    expect(within(form).getAllByTestId("rule-tier")).toHaveLength(3);
    await fireEvent.click(within(form).getAllByTestId("rule-tier-remove")[2]!);
    expect(within(form).getAllByTestId("rule-tier")).toHaveLength(2);
    await type(form, "rule-tier-amount", "100.5", 1);
    await type(form, "rule-tier-months", "12", 1);
    await type(form, "rule-tier-days", "7", 1);
    await type(form, "rule-zone", "Asia/Hong_Kong");
    const sent = await save(form, calls);
    expect(sent.rule).toEqual({
      rule: {
        kind: "topup_validity",
        tiers: [
          { minAmount: { minor: 5000, currency: "HKD" }, days: 90, months: 0 },
          { minAmount: { minor: 10050, currency: "HKD" }, days: 7, months: 12 },
        ],
        stack: false,
        capDays: null,
      },
      grace: null,
      zone: "Asia/Hong_Kong",
    });
  });

  it("sends usage that counts only when charged and a grace that starts at zero balance", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "rolling");
    await type(form, "rule-period", "179");
    await choose(form, "rule-period-unit", "days");
    await fireEvent.click(within(form).getByTestId("rule-charged-call"));
    await fireEvent.click(within(form).getByTestId("rule-charged-sms"));
    await fireEvent.click(within(form).getByTestId("rule-grace-on"));
    await type(form, "rule-grace-days", "120");
    await fireEvent.click(within(form).getByTestId("rule-grace-at-zero"));
    await type(form, "rule-zone", "Europe/London");
    const sent = await save(form, calls);
    expect(sent.rule).toEqual({
      rule: {
        kind: "rolling",
        period: { days: 179 },
        qualifying: ["topup", "call", "sms", "data"],
        charged: ["call", "sms"],
      },
      grace: { days: 120, months: 0, mode: "restricted", atZeroBalance: true },
      zone: "Europe/London",
    });
  });

  it("sends a balance rule: the monthly fee in minor units and the billing day", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "balance");
    expect(within(form).queryByTestId("rule-period")).toBeNull();
    await type(form, "rule-fee-amount", "8");
    await choose(form, "rule-fee-currency", "CNY");
    await type(form, "rule-billing-day", "31");
    await fireEvent.click(within(form).getByTestId("rule-grace-on"));
    await type(form, "rule-grace-days", "60");
    expect(within(form).queryByTestId("rule-grace-at-zero")).toBeNull();
    await type(form, "rule-zone", "Asia/Shanghai");
    const sent = await save(form, calls);
    expect(sent.rule).toEqual({
      rule: { kind: "balance", fee: { minor: 800, currency: "CNY" }, billingDay: 31 },
      grace: { days: 60, months: 0, mode: "restricted", atZeroBalance: false },
      zone: "Asia/Shanghai",
    });
  });

  it("sends a fixed expiry date", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "fixed_expiry");
    await type(form, "rule-expires-on", "2026-12-31");
    await type(form, "rule-zone", "Asia/Manila");
    const sent = await save(form, calls);
    expect(sent.rule).toEqual({
      rule: { kind: "fixed_expiry", expiresOn: "2026-12-31" },
      grace: null,
      zone: "Asia/Manila",
    });
  });

  it("sends a recurring plan with an anchor, or without one", async () => {
    const { calls } = setup();
    const form = await openEditor();
    await choose(form, "rule-kind", "recurring_plan");
    await type(form, "rule-period", "30");
    await choose(form, "rule-period-unit", "days");
    await type(form, "rule-anchor", "2026-01-15");
    await fireEvent.click(within(form).getByTestId("rule-grace-on"));
    await type(form, "rule-grace-months", "1");
    await type(form, "rule-zone", "America/New_York");
    const sent = await save(form, calls);
    expect(sent.rule).toEqual({
      rule: { kind: "recurring_plan", period: { days: 30 }, anchor: "2026-01-15" },
      grace: { days: 0, months: 1, mode: "restricted", atZeroBalance: false },
      zone: "America/New_York",
    });
  });

  it("shows tiers_out_of_order under the tiers, translated, and keeps the sheet open", async () => {
    setLocale("zh-CN");
    setup(() => {
      throw commandError("tiers_out_of_order", "tiers");
    });
    const form = await openEditor();
    await choose(form, "rule-kind", "topup_validity");
    await type(form, "rule-tier-amount", "100");
    await choose(form, "rule-tier-currency", "HKD");
    await type(form, "rule-tier-days", "180");
    await fireEvent.click(within(form).getByTestId("rule-tier-add"));
    await type(form, "rule-tier-amount", "50", 1);
    await type(form, "rule-tier-days", "90", 1);
    await fireEvent.click(within(form).getByTestId("rule-save"));
    const error = await within(form).findByTestId("rule-error-tiers");
    expect(error).toHaveTextContent("充值档位须按金额从小到大排列");
    expect(within(form).queryByTestId("rule-error-zone")).toBeNull();
    expect(screen.getByTestId("rule-form")).toBeInTheDocument();
  });

  it("shows invalid_zone under the zone", async () => {
    setup(() => {
      throw commandError("invalid_zone", "zone");
    });
    const form = await openEditor();
    await type(form, "rule-period", "180");
    await type(form, "rule-zone", "Mars/Olympus");
    await fireEvent.click(within(form).getByTestId("rule-save"));
    expect(await within(form).findByTestId("rule-error-zone")).toHaveTextContent(
      "Choose a valid time zone",
    );
  });

  it("goes back to the carrier's rule with lineSetRule(id, null)", async () => {
    const carrier = makeCarrier();
    const custom: RuleSpec = {
      rule: { kind: "fixed_expiry", expiresOn: "2026-12-31" },
      grace: null,
      zone: "Europe/London",
    };
    const { calls } = backend({
      line_get: () =>
        makeSummary({
          line: { ...line, carrierId: carrier.id, ruleOverride: custom },
          carrier,
          rule: custom,
          ruleSource: "line",
        }),
      event_list: () => [],
      currency_list: () => CURRENCIES,
      line_set_rule: () => makeSummary({ line, carrier, ruleSource: "carrier" }),
    });
    render(DetailScreen, { props: { id: line.id } });
    expect(await screen.findByTestId("rule-source")).toHaveTextContent(
      "Custom rule for this number",
    );
    await fireEvent.click(screen.getByTestId("edit-rule"));
    const form = await screen.findByTestId("rule-form");
    expect(within(form).getByTestId("rule-expires-on")).toHaveValue("2026-12-31");
    await fireEvent.click(within(form).getByTestId("rule-reset"));
    await waitFor(() =>
      expect(argsOf(calls, "line_set_rule")).toEqual([{ id: line.id, rule: null }]),
    );
  });
});
