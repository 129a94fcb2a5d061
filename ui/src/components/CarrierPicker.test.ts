import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "../lib/i18n/index.svelte";
import { makeCarrier, resetApp } from "../test/helpers";
import CarrierPicker from "./CarrierPicker.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const carriers = [
  makeCarrier(),
  makeCarrier({ id: "preset:gb-ee", nameEn: "EE Pay As You Go", nameZh: "EE", rule: null }),
  makeCarrier({
    id: "preset:hk-cmhk",
    nameEn: "China Mobile Hong Kong (CMHK)",
    nameZh: "中国移动香港",
    country: "HK",
    zone: "Asia/Hong_Kong",
    confidence: "low",
    rule: {
      kind: "topup_validity",
      tiers: [{ minAmount: { minor: 5000, currency: "HKD" }, days: 180, months: 0 }],
      stack: false,
      capDays: null,
    },
  }),
  makeCarrier({ id: "preset:hk-3hk", nameEn: "3HK", nameZh: "3香港", country: "HK" }),
  makeCarrier({
    id: "preset:ph-smart",
    nameEn: "Smart Prepaid",
    nameZh: "Smart",
    country: "PH",
    rule: { kind: "rolling", period: { months: 12 }, qualifying: ["topup"], charged: [] },
  }),
];

function open(country = "") {
  const onpick = vi.fn();
  render(CarrierPicker, { props: { open: true, carriers, country, onpick } });
  return { onpick, picker: screen.getByTestId("carrier-picker") };
}

const ids = () => screen.queryAllByTestId("carrier-option").map((o) => o.dataset.carrierId);
const groups = () => screen.queryAllByTestId("carrier-group").map((g) => g.dataset.country);

async function search(text: string) {
  await fireEvent.input(screen.getByTestId("carrier-search"), { target: { value: text } });
}

describe("carrier picker", () => {
  it("groups by country with the form's country first, with flags and localized names", () => {
    open("HK");
    expect(groups()).toEqual(["HK", "PH", "GB"]);
    const [hk] = screen.getAllByTestId("carrier-group");
    expect(within(hk!).getByRole("heading")).toHaveTextContent("🇭🇰 Hong Kong");
    expect(ids()).toEqual([
      "preset:hk-3hk",
      "preset:hk-cmhk",
      "preset:ph-smart",
      "preset:gb-ee",
      "preset:gb-giffgaff",
    ]);
  });

  it("shows the rule in words and a check-with-your-carrier badge for low confidence", () => {
    open();
    const option = (id: string) =>
      screen.getAllByTestId("carrier-option").find((o) => o.dataset.carrierId === id)!;
    expect(option("preset:gb-giffgaff")).toHaveTextContent("6 months after the last activity");
    expect(option("preset:ph-smart")).toHaveTextContent("12 months after the last top-up");
    expect(option("preset:gb-ee")).toHaveTextContent("Keep-alive rule unknown");
    expect(within(option("preset:hk-cmhk")).getByTestId("carrier-low")).toHaveTextContent(
      "Check with your carrier",
    );
    expect(within(option("preset:hk-3hk")).queryByTestId("carrier-low")).toBeNull();
  });

  it("filters by Chinese name, English name, country code and country name", async () => {
    open();
    await search("中国移动");
    expect(ids()).toEqual(["preset:hk-cmhk"]);
    await search("giff");
    expect(ids()).toEqual(["preset:gb-giffgaff"]);
    await search("hk");
    expect(ids()).toEqual(["preset:hk-3hk", "preset:hk-cmhk"]);
    await search("Philippines");
    expect(ids()).toEqual(["preset:ph-smart"]);
    await search("英国");
    expect(groups()).toEqual(["GB"]);
    await search("zzz");
    expect(ids()).toEqual([]);
    expect(screen.getByTestId("carrier-no-results")).toHaveTextContent("zzz");
  });

  it("names carriers in Chinese in the zh-CN locale and searches the localized country", async () => {
    setLocale("zh-CN");
    open("HK");
    const first = screen.getAllByTestId("carrier-option")[1]!;
    expect(first).toHaveTextContent("中国移动香港");
    expect(first).toHaveTextContent("请向运营商核实");
    expect(first).toHaveTextContent("按充值金额计有效期");
    expect(
      within(screen.getAllByTestId("carrier-group")[0]!).getByRole("heading"),
    ).toHaveTextContent("香港");
    await search("菲律宾");
    expect(ids()).toEqual(["preset:ph-smart"]);
  });

  it("picks a carrier, or none", async () => {
    const { onpick } = open();
    await fireEvent.click(
      screen.getAllByTestId("carrier-option").find((o) => o.dataset.carrierId === "preset:hk-3hk")!,
    );
    expect(onpick).toHaveBeenCalledWith(expect.objectContaining({ id: "preset:hk-3hk" }));
    expect(screen.queryByTestId("carrier-picker")).toBeNull();
  });
});
