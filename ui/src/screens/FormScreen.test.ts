import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineInput } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { router } from "../lib/router.svelte";
import {
  backend,
  commandError,
  COUNTRIES,
  CURRENCIES,
  makeCarrier,
  makeLine,
  makeSummary,
  resetApp,
  unknownError,
} from "../test/helpers";
import FormScreen from "./FormScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

async function renderLoaded(props: { id?: string } = {}) {
  render(FormScreen, { props });
  const save = await screen.findByTestId("save-line");
  await waitFor(() => expect(save).toBeEnabled());
  return save;
}

async function fill(fields: Record<string, string>) {
  for (const [testId, value] of Object.entries(fields)) {
    await fireEvent.input(screen.getByTestId(testId), { target: { value } });
  }
}

describe("line form", () => {
  it("lists countries by localized name with their calling code, values are ISO codes", async () => {
    backend({ country_list: () => COUNTRIES });
    await renderLoaded();
    const select = screen.getByTestId("field-country") as HTMLSelectElement;
    const options = [...select.options].map((o) => [o.value, o.textContent?.trim()]);
    expect(options.map(([v]) => v)).toEqual(["HK", "PH", "GB"]); // Hong Kong, Philippines, United Kingdom
    expect(options[1]?.[1]).toContain("Philippines +63");
  });

  it("shows the server's invalid_number error under the number field", async () => {
    backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [],
      currency_list: () => CURRENCIES,
      line_create: () => {
        throw commandError("invalid_number", "number");
      },
    });
    const save = await renderLoaded();
    await fill({ "field-number": "12", "field-label": "Travel" });
    await fireEvent.click(save);

    const error = await screen.findByTestId("error-number");
    expect(error).toHaveTextContent(
      "This is not a valid number for the selected country or region",
    );
    expect(screen.getByTestId("field-number")).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByTestId("error-label")).toBeNull();
    expect(screen.queryByTestId("form-error")).toBeNull();
  });

  it("shows a required-field error in Chinese, naming the field", async () => {
    setLocale("zh-CN");
    backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [],
      currency_list: () => CURRENCIES,
      line_create: () => {
        throw commandError("required", "label");
      },
    });
    const save = await renderLoaded();
    await fill({ "field-number": "09123456789" });
    await fireEvent.click(save);

    const error = await screen.findByTestId("error-label");
    expect(error).toHaveTextContent("请填写名称");
    expect(error.textContent).not.toContain("Label is required");
  });

  it("puts errors without a field at the top, translated, with an unknown code falling back", async () => {
    setLocale("zh-CN");
    backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [],
      currency_list: () => CURRENCIES,
      line_create: () => {
        throw unknownError("brand_new_code", "something odd");
      },
    });
    const save = await renderLoaded();
    await fireEvent.click(save);
    const error = await screen.findByTestId("form-error");
    expect(error).toHaveTextContent("出了点问题，请重试。");
  });

  it("sends the typed input, disables submit while saving, then opens the detail", async () => {
    let release: (value: unknown) => void = () => {};
    const created = makeLine({ id: "22222222-2222-4222-8222-222222222222" });
    const { calls } = backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [],
      currency_list: () => CURRENCIES,
      line_create: () => new Promise((resolve) => (release = resolve)),
    });
    const save = await renderLoaded();
    await fireEvent.change(screen.getByTestId("field-country"), { target: { value: "GB" } });
    await fill({
      "field-number": " 07700 900123 ",
      "field-label": "giffgaff",
      "field-carrier": "giffgaff",
      "field-tags": "bank, PayPal，bank",
      "field-notes": "top up twice a year",
    });
    await fireEvent.click(screen.getByTestId("field-sim-kind-esim"));
    await fireEvent.click(save);

    await waitFor(() => expect(save).toBeDisabled());
    const call = calls.find(([cmd]) => cmd === "line_create");
    expect((call?.[1] as { input: LineInput }).input).toEqual({
      number: "07700 900123",
      label: "giffgaff",
      country: "GB",
      carrier: "giffgaff",
      carrierId: null,
      simKind: "esim",
      iccid: null,
      tags: ["bank", "PayPal"],
      notes: "top up twice a year",
    });

    release(created);
    await waitFor(() => expect(router.route).toEqual({ name: "detail", id: created.id }));
    expect(window.location.hash).toBe(`#/line/${created.id}`);
  });

  it("loads the line when editing and saves with lineUpdate", async () => {
    const line = makeLine({ tags: ["a", "b"], iccid: "8963012345678901234" });
    const { calls } = backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [],
      currency_list: () => CURRENCIES,
      line_get: () => makeSummary({ line }),
      line_update: () => line,
    });
    const save = await renderLoaded({ id: line.id });
    expect(screen.getByTestId("field-label")).toHaveValue("Smart travel SIM");
    expect(screen.getByTestId("field-tags")).toHaveValue("a, b");
    expect(screen.getByTestId("field-country")).toHaveValue("PH");
    await fireEvent.click(save);
    await waitFor(() => expect(calls.some(([cmd]) => cmd === "line_update")).toBe(true));
    const [, args] = calls.find(([cmd]) => cmd === "line_update")!;
    expect((args as { id: string }).id).toBe(line.id);
  });
});

describe("carrier picker in the line form", () => {
  it("sets carrierId, the carrier's name and the country; 'none' clears the id", async () => {
    const giffgaff = makeCarrier();
    const { calls } = backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [
        giffgaff,
        makeCarrier({ id: "preset:hk-3hk", nameEn: "3HK", country: "HK" }),
      ],
      currency_list: () => CURRENCIES,
      line_create: () => makeLine(),
    });
    const save = await renderLoaded();
    await fireEvent.change(screen.getByTestId("field-country"), { target: { value: "HK" } });
    await fireEvent.click(screen.getByTestId("field-carrier-pick"));
    expect(screen.getAllByTestId("carrier-group").map((g) => g.dataset.country)).toEqual([
      "HK",
      "GB",
    ]);
    await fireEvent.click(
      screen.getAllByTestId("carrier-option").find((o) => o.dataset.carrierId === giffgaff.id)!,
    );
    expect(screen.queryByTestId("carrier-picker")).toBeNull();
    expect(screen.getByTestId("field-carrier")).toHaveValue("giffgaff");
    expect(screen.getByTestId("field-carrier-pick")).toHaveTextContent(
      "6 months after the last activity",
    );
    // The user chose Hong Kong themselves: the picked carrier does not override it.
    expect(screen.getByTestId("field-country")).toHaveValue("HK");

    await fill({ "field-number": "+447700900123", "field-label": "UK" });
    await fireEvent.click(save);
    await waitFor(() => expect(calls.some(([cmd]) => cmd === "line_create")).toBe(true));
    const input = (calls.find(([cmd]) => cmd === "line_create")![1] as { input: LineInput }).input;
    expect(input.carrierId).toBe("preset:gb-giffgaff");
    expect(input.carrier).toBe("giffgaff");

    await fireEvent.click(screen.getByTestId("field-carrier-pick"));
    await fireEvent.click(screen.getByTestId("carrier-none"));
    expect(screen.getByTestId("field-carrier-pick")).toHaveTextContent("Choose a carrier");
  });

  it("fills an untouched country from the picked carrier", async () => {
    backend({
      country_list: () => COUNTRIES,
      carrier_list: () => [makeCarrier()],
      currency_list: () => CURRENCIES,
    });
    await renderLoaded();
    await fireEvent.click(screen.getByTestId("field-carrier-pick"));
    await fireEvent.click(screen.getByTestId("carrier-option"));
    expect(screen.getByTestId("field-country")).toHaveValue("GB");
  });
});
