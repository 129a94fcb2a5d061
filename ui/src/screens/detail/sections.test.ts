// The line page's sections, each from the core's answers for the sample (src/test/fixtures.ts).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineSummary, Money } from "../../lib/api";
import { setLocale } from "../../lib/i18n/index.svelte";
import { setNumberLocale } from "../../lib/numberFormat.svelte";
import { fixtures } from "../../test/fixtures";
import { argsOf, backend, commandError, resetApp } from "../../test/helpers";
import BalanceSection from "./BalanceSection.svelte";
import CarrierSection from "./CarrierSection.svelte";
import DetailsSection from "./DetailsSection.svelte";
import IdentitySection from "./IdentitySection.svelte";
import StatusSection from "./StatusSection.svelte";
import WaysToRenewSection from "./WaysToRenewSection.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const currencies = fixtures.currencies;

describe("ways to renew", () => {
  it("makes a button of each action the core gives a URI and opens it through the core", async () => {
    const summary = fixtures.summary("smart");
    const withUri = summary.renewalActions.filter((a) => a.uri);
    const without = summary.renewalActions.filter((a) => !a.uri);
    expect(withUri.length).toBeGreaterThan(0);
    const { calls } = backend({ renewal_action_open: (args) => args.method });
    render(WaysToRenewSection, { props: { summary } });
    const buttons = screen.getAllByTestId("method-action");
    expect(buttons.map((b) => b.dataset.uri)).toEqual(withUri.map((a) => a.uri));
    expect(screen.queryAllByTestId("method-info")).toHaveLength(without.length);
    await fireEvent.click(buttons[0]!);
    await waitFor(() =>
      expect(argsOf(calls, "renewal_action_open")).toEqual([{ method: withUri[0]!.method }]),
    );
  });

  it("shows the balance check as the core made it, USSD or hotline", () => {
    const summary: LineSummary = {
      ...fixtures.summary("smart"),
      renewalActions: [],
      balanceCheckAction: {
        method: { kind: "ussd", label: "", value: "*#131#", keyword: null },
        uri: "tel:*%23131%23",
      },
    };
    render(WaysToRenewSection, { props: { summary } });
    const check = screen.getByTestId("balance-check-action");
    expect(check).toHaveAttribute("data-kind", "ussd");
    expect(check).toHaveTextContent("*#131#");
  });

  it("is not there when the carrier has no ways to renew", () => {
    render(WaysToRenewSection, { props: { summary: fixtures.summary("aldi") } });
    expect(screen.queryByTestId("detail-methods")).toBeNull();
  });
});

describe("status", () => {
  it("shows each status the core derives, with its explanation in the UI's language", () => {
    for (const [name, status] of [
      ["giffgaff", "due_soon"],
      ["3hk", "overdue"],
      ["smart", "ok"],
      ["asda", "lost"],
      ["spare", "unknown"],
    ] as const) {
      const summary = fixtures.summary(name);
      expect(summary.status).toBe(status);
      const { unmount } = render(StatusSection, { props: { summary, onrenew: () => {} } });
      expect(screen.getByTestId("detail-status")).toHaveAttribute("data-status", status);
      if (summary.explanation)
        expect(screen.getByTestId("detail-explanation")).toHaveTextContent(
          summary.explanation.en.slice(0, 20),
        );
      unmount();
    }
    setLocale("zh-CN");
    const summary = fixtures.summary("aldi");
    render(StatusSection, { props: { summary, onrenew: () => {} } });
    expect(screen.getByTestId("detail-explanation")).toHaveTextContent(
      summary.explanation!.zhCn.slice(0, 10),
    );
  });
});

describe("balance", () => {
  it("shows the balance, whether it is low (the core says), and saves a threshold typed in the OS's number format", async () => {
    setNumberLocale("de-DE");
    const summary = fixtures.summary("giffgaff");
    expect(summary.balanceLow).toBe(true);
    const saved: Money[] = [];
    const { calls } = backend({
      line_set_low_balance: (args) => {
        saved.push(args.threshold as Money);
        return summary;
      },
    });
    let next: LineSummary | null = null;
    render(BalanceSection, { props: { summary, currencies, onsaved: (s) => (next = s) } });
    expect(screen.getByTestId("balance-amount")).toHaveTextContent("3,20");
    expect(screen.getByTestId("balance-low")).toBeInTheDocument();
    // The saved threshold, put back in the field in the number format.
    expect(screen.getByTestId("low-balance-input")).toHaveValue("5");
    await fireEvent.input(screen.getByTestId("low-balance-input"), { target: { value: "7,50" } });
    await fireEvent.click(screen.getByTestId("low-balance-save"));
    await waitFor(() => expect(argsOf(calls, "line_set_low_balance")).toHaveLength(1));
    expect(saved).toEqual([{ minor: 750, currency: "GBP" }]);
    expect(next).toBe(summary);
  });

  it("says what is wrong with a threshold it cannot read, or what the core said", async () => {
    const summary = fixtures.summary("giffgaff");
    backend({
      line_set_low_balance: () => {
        throw commandError("required", "currency");
      },
    });
    render(BalanceSection, { props: { summary, currencies, onsaved: () => {} } });
    await fireEvent.input(screen.getByTestId("low-balance-input"), { target: { value: "5.555" } });
    await fireEvent.click(screen.getByTestId("low-balance-save"));
    expect(await screen.findByTestId("low-balance-error")).toHaveTextContent("at most 2 decimal");
    await fireEvent.input(screen.getByTestId("low-balance-input"), { target: { value: "5" } });
    await fireEvent.click(screen.getByTestId("low-balance-save"));
    expect(await screen.findByTestId("low-balance-error")).toHaveTextContent("Currency");
  });
});

describe("who the number is", () => {
  it("shows the number, label, carrier and details as stored", () => {
    const summary = fixtures.summary("smart");
    render(IdentitySection, { props: { line: summary.line, status: summary.status } });
    expect(screen.getByTestId("detail-number")).toHaveTextContent("+63 912 345 6789");
    render(CarrierSection, { props: { carrier: summary.carrier! } });
    expect(screen.getByTestId("detail-carrier")).toHaveTextContent("Smart");
    render(DetailsSection, { props: { line: summary.line } });
    const details = screen.getByTestId("detail-details");
    expect(within(details).getByText("8963012345678901234")).toBeInTheDocument();
    expect(details).toHaveTextContent("bank OTP");
  });
});
