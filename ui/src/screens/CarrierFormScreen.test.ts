import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CarrierInput } from "../lib/api";
import { fixtures } from "../test/fixtures";
import { argsOf, backend, commandError, resetApp } from "../test/helpers";
import CarrierFormScreen from "./CarrierFormScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const aldi = fixtures.carrier("preset:de-aldi-talk");

function setup(update: (input: CarrierInput) => unknown = () => aldi) {
  return backend({
    carrier_list: () => fixtures.carriers,
    country_list: () => fixtures.countries,
    carrier_update: (args) => update(args.input as CarrierInput),
  });
}

describe("customizing a carrier", () => {
  it("opens a preset's tiered rule with months and its grace exactly, and saves it back unchanged with a new way to renew", async () => {
    const { calls } = setup();
    render(CarrierFormScreen, { props: { id: aldi.id } });
    const form = await screen.findByTestId("carrier-form");
    expect(within(form).getByTestId("carrier-preset-note")).toBeInTheDocument();
    expect(
      within(form)
        .getAllByTestId("rule-tier-months")
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(["4", "12", "24"]);
    expect(within(form).getByTestId("rule-grace-months")).toHaveValue("2");
    // The country's currency (the core's) comes first in the tier's currency list.
    expect(within(form).getAllByTestId("rule-tier-currency")[0]).toHaveValue("EUR");

    await fireEvent.click(within(form).getByTestId("carrier-method-add"));
    await fireEvent.input(within(form).getByTestId("carrier-method-label"), {
      target: { value: "ALDI TALK app" },
    });
    await fireEvent.input(within(form).getByTestId("carrier-method-value"), {
      target: { value: "alditalk-kundenportal.de" },
    });
    await fireEvent.click(within(form).getByTestId("carrier-save"));
    await waitFor(() => expect(argsOf(calls, "carrier_update")).toHaveLength(1));
    const [{ input }] = argsOf<{ input: CarrierInput }>(calls, "carrier_update") as [
      { input: CarrierInput },
    ];
    expect(input.rule).toEqual(aldi.rule);
    expect(input.grace).toEqual(aldi.grace);
    expect(input.zone).toBe(aldi.zone);
    expect(input.renewalMethods).toEqual([
      { kind: "web", label: "ALDI TALK app", value: "alditalk-kundenportal.de", keyword: null },
    ]);
    expect(input.basedOn).toBe(aldi.id);
  });

  it("puts the core's errors under the carrier's fields and the rule's", async () => {
    let fail = () => commandError("required", "nameEn");
    setup(() => {
      throw fail();
    });
    render(CarrierFormScreen, { props: { id: aldi.id } });
    const form = await screen.findByTestId("carrier-form");
    await fireEvent.click(within(form).getByTestId("carrier-save"));
    expect(await within(form).findByTestId("carrier-error-nameEn")).toHaveTextContent("required");
    fail = () => commandError("tiers_out_of_order", "tiers");
    await fireEvent.click(within(form).getByTestId("carrier-save"));
    expect(await within(form).findByTestId("rule-error-tiers")).toBeInTheDocument();
  });
});
