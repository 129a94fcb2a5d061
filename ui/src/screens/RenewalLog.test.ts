import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Event, EventInput, LineSummary } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { setNumberLocale } from "../lib/numberFormat.svelte";
import {
  argsOf,
  backend,
  commandError,
  CURRENCIES,
  makeCarrier,
  makeEvent,
  makeLine,
  makeSummary,
  resetApp,
} from "../test/helpers";
import Toasts from "../components/Toasts.svelte";
import DetailScreen from "./DetailScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const line = makeLine({ id: "line-1", carrierId: "preset:gb-giffgaff", carrier: "giffgaff" });
const topup = makeEvent();
const carrier = makeCarrier();

function dueSoon(): LineSummary {
  return makeSummary({
    line,
    carrier,
    rule: { rule: carrier.rule!, grace: null, zone: "Europe/London" },
    ruleSource: "carrier",
    status: "due_soon",
    actBy: "2026-09-03T22:59:59Z",
    lostAt: "2026-09-03T22:59:59Z",
    daysLeft: 12,
    explanation: {
      en: "6 months after your last call on 3 Mar 2026 → 3 Sep 2026 23:59 London time",
      zhCn: "自 2026年3月3日 最近一次通话起 6 个月 → 伦敦时间 2026年9月3日 23:59",
    },
    eventCount: 1,
  });
}

function renewed(): LineSummary {
  return {
    ...dueSoon(),
    status: "ok",
    daysLeft: 183,
    actBy: "2027-03-03T23:59:59Z",
    explanation: { en: "6 months after your last top-up → 3 Mar 2027", zhCn: "…" },
    eventCount: 2,
  };
}

/** A backend that remembers events and moves the deadline after a renewal. */
function stateful(prefill: Partial<EventInput> = {}) {
  let summary = dueSoon();
  let events: Event[] = [makeEvent({ lineId: line.id })];
  const deleted = new Map<string, Event>();
  const api = backend({
    line_get: () => summary,
    event_list: () => events,
    currency_list: () => CURRENCIES,
    renewal_prefill_get: () => ({
      occurredAt: "2026-08-22T09:15:00Z",
      kind: "topup",
      amount: { minor: 1000, currency: "GBP" },
      method: "app",
      channel: "paypal",
      reference: "",
      note: "",
      balanceAfter: null,
      ...prefill,
    }),
    event_add: (args) => {
      const input = args.input as EventInput;
      const event = makeEvent({ ...input, id: `ev-${events.length + 1}`, lineId: line.id });
      events = [event, ...events];
      summary = renewed();
      return event;
    },
    event_delete: (args) => {
      const gone = events.find((e) => e.id === args.id)!;
      deleted.set(gone.id, gone);
      events = events.filter((e) => e.id !== args.id);
      return null;
    },
    event_restore: (args) => {
      const back = deleted.get(args.id as string)!;
      events = [back, ...events];
      return back;
    },
  });
  return api;
}

async function openRenew() {
  await fireEvent.click(await screen.findByTestId("renew-button"));
  return screen.findByTestId("renew-form");
}

describe("I renewed", () => {
  it("shows the status card with countdown, act-by and the explanation in the user's language", async () => {
    setLocale("zh-CN");
    stateful();
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const card = await screen.findByTestId("detail-status");
    expect(card).toHaveAttribute("data-status", "due_soon");
    expect(screen.getByTestId("detail-days-left")).toHaveTextContent("还剩 12 天");
    expect(screen.getByTestId("detail-explanation")).toHaveTextContent("伦敦时间 2026年9月3日");
    expect(screen.getByTestId("detail-act-by")).toHaveTextContent("2026");
    expect(screen.getByTestId("rule-source")).toHaveTextContent("来自运营商：giffgaff");
  });

  it("opens pre-filled from renewalPrefillGet, saves in minor units and refreshes at once", async () => {
    const { calls } = stateful();
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const form = await openRenew();
    expect(within(form).getByTestId("renew-kind")).toHaveValue("topup");
    expect(within(form).getByTestId("renew-amount")).toHaveValue("10");
    expect(within(form).getByTestId("renew-currency")).toHaveValue("GBP");
    expect(within(form).getByTestId("renew-method")).toHaveValue("app");
    expect(within(form).getByTestId("renew-channel")).toHaveValue("paypal");
    expect((within(form).getByTestId("renew-date") as HTMLInputElement).value).toMatch(
      /^2026-08-2[12]T\d\d:\d\d$/,
    );

    // Two taps: the sheet, then save.
    await fireEvent.click(within(form).getByTestId("renew-save"));
    await waitFor(() => expect(screen.queryByTestId("renew-form")).toBeNull());
    const [sent] = argsOf<{ lineId: string; input: EventInput }>(calls, "event_add");
    expect(sent).toEqual({
      lineId: line.id,
      input: {
        occurredAt: "2026-08-22T09:15:00Z",
        kind: "topup",
        amount: { minor: 1000, currency: "GBP" },
        method: "app",
        channel: "paypal",
        reference: "",
        note: "",
        balanceAfter: null,
      },
    });
    await waitFor(() =>
      expect(screen.getByTestId("detail-status")).toHaveAttribute("data-status", "ok"),
    );
    expect(screen.getByTestId("detail-days-left")).toHaveTextContent("183 days left");
    expect(screen.getAllByTestId("event-item")).toHaveLength(2);
    expect(screen.getByTestId("toast")).toHaveTextContent("Renewal logged");
  });

  it.each([
    ["50", "HKD", 5000, 300],
    ["10.5", "GBP", 1050, 300],
    ["1000", "JPY", 1000, 3],
    ["1,000", "JPY", 1000, 3],
  ])("sends %s %s as %i minor units", async (typed, currency, minor, balanceMinor) => {
    const { calls } = stateful({ amount: null });
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const form = await openRenew();
    await fireEvent.input(within(form).getByTestId("renew-amount"), { target: { value: typed } });
    await fireEvent.change(within(form).getByTestId("renew-currency"), {
      target: { value: currency },
    });
    await fireEvent.input(within(form).getByTestId("renew-reference"), {
      target: { value: " ORD-77 " },
    });
    await fireEvent.input(within(form).getByTestId("renew-balance"), {
      target: { value: "3" },
    });
    await fireEvent.click(within(form).getByTestId("renew-save"));
    await waitFor(() => expect(argsOf(calls, "event_add")).toHaveLength(1));
    const [{ input }] = argsOf<{ input: EventInput }>(calls, "event_add") as [
      { input: EventInput },
    ];
    expect(input.amount).toEqual({ minor, currency });
    expect(Number.isInteger(input.amount?.minor)).toBe(true);
    expect(input.reference).toBe("ORD-77");
    expect(input.balanceAfter).toEqual({ minor: balanceMinor, currency });
  });

  it("reads amounts in the OS's number format: 15,00 is fifteen euros in German", async () => {
    setNumberLocale("de-DE");
    const { calls } = stateful({ amount: null });
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const form = await openRenew();
    await fireEvent.change(within(form).getByTestId("renew-currency"), {
      target: { value: "EUR" },
    });
    // "1,500" could be one and a half or fifteen hundred: the field says how it reads it.
    await fireEvent.input(within(form).getByTestId("renew-amount"), { target: { value: "1,500" } });
    expect(within(form).getByTestId("renew-amount-reading")).toHaveTextContent("1,50");
    await fireEvent.input(within(form).getByTestId("renew-amount"), { target: { value: "15,00" } });
    expect(within(form).queryByTestId("renew-amount-reading")).toBeNull();
    await fireEvent.click(within(form).getByTestId("renew-save"));
    await waitFor(() => expect(argsOf(calls, "event_add")).toHaveLength(1));
    const [{ input }] = argsOf<{ input: EventInput }>(calls, "event_add") as [
      { input: EventInput },
    ];
    expect(input.amount).toEqual({ minor: 1500, currency: "EUR" });
  });

  it("does not send an amount it cannot read, and says so under the amount", async () => {
    const { calls } = stateful();
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const form = await openRenew();
    await fireEvent.input(within(form).getByTestId("renew-amount"), {
      target: { value: "10.555" },
    });
    await fireEvent.click(within(form).getByTestId("renew-save"));
    expect(await within(form).findByTestId("renew-error-amount")).toHaveTextContent(
      "GBP amounts have at most 2 decimal places",
    );
    await fireEvent.input(within(form).getByTestId("renew-amount"), {
      target: { value: "ten" },
    });
    await fireEvent.click(within(form).getByTestId("renew-save"));
    expect(await within(form).findByTestId("renew-error-amount")).toHaveTextContent(
      "Enter an amount like 50 or 10.50",
    );
    expect(argsOf(calls, "event_add")).toHaveLength(0);
  });

  it.each([
    [
      "out_of_range",
      "occurredAt",
      "renew-error-occurredAt",
      "Date is out of range",
      "日期超出允许范围",
    ],
    [
      "invalid_currency",
      "currency",
      "renew-error-currency",
      "Choose a valid currency",
      "请选择有效的币种",
    ],
    ["too_long", "reference", "renew-error-reference", "Reference is too long", "订单号太长了"],
  ] as const)(
    "shows the server's %s on %s under that field, translated",
    async (code, field, testId, english, chinese) => {
      backend({
        line_get: () => dueSoon(),
        event_list: () => [],
        currency_list: () => CURRENCIES,
        renewal_prefill_get: () => ({
          occurredAt: "2026-08-22T09:15:00Z",
          kind: "topup",
          amount: null,
          method: null,
          channel: null,
          reference: "",
          note: "",
          balanceAfter: null,
        }),
        event_add: () => {
          throw commandError(code, field);
        },
      });
      render(DetailScreen, { props: { id: line.id } });
      render(Toasts);
      let form = await openRenew();
      await fireEvent.click(within(form).getByTestId("renew-save"));
      const error = await within(form).findByTestId(testId);
      expect(error).toHaveTextContent(english);
      expect(error.textContent).not.toContain("server message");
      expect(within(form).queryAllByRole("alert")).toHaveLength(1);
      // The sheet stays open with what was typed.
      expect(screen.getByTestId("renew-form")).toBeInTheDocument();

      setLocale("zh-CN");
      form = screen.getByTestId("renew-form");
      await fireEvent.click(within(form).getByTestId("renew-save"));
      await waitFor(() => expect(within(form).getByTestId(testId)).toHaveTextContent(chinese));
    },
  );

  it("deletes an entry and brings it back with undo", async () => {
    const { calls } = stateful();
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    const item = await screen.findByTestId("event-item");
    expect(item).toHaveTextContent("Order no. GG-4410-2291");
    expect(item).toHaveTextContent("£10.00");
    await fireEvent.click(within(item).getByTestId("event-delete"));
    await waitFor(() => expect(screen.queryAllByTestId("event-item")).toHaveLength(0));
    expect(argsOf(calls, "event_delete")).toEqual([{ id: topup.id }]);

    await fireEvent.click(await screen.findByTestId("toast-undo"));
    await waitFor(() => expect(screen.getAllByTestId("event-item")).toHaveLength(1));
    expect(argsOf(calls, "event_restore")).toEqual([{ id: topup.id }]);
    const order = calls.map(([cmd]) => cmd).filter((c) => c.startsWith("event_"));
    expect(order.indexOf("event_delete")).toBeLessThan(order.indexOf("event_restore"));
  });

  it("edits an entry with the same form, pre-filled with it", async () => {
    const api = backend({
      line_get: () => dueSoon(),
      event_list: () => [makeEvent({ lineId: line.id })],
      currency_list: () => CURRENCIES,
      event_update: (args) => makeEvent(args.input as EventInput),
    });
    render(DetailScreen, { props: { id: line.id } });
    render(Toasts);
    await fireEvent.click(await screen.findByTestId("event-edit"));
    const form = await screen.findByTestId("event-form");
    expect(within(form).getByTestId("renew-amount")).toHaveValue("10");
    expect(within(form).getByTestId("renew-reference")).toHaveValue("GG-4410-2291");
    await fireEvent.input(within(form).getByTestId("renew-amount"), { target: { value: "15" } });
    await fireEvent.click(within(form).getByTestId("event-edit-save"));
    await waitFor(() => expect(argsOf(api.calls, "event_update")).toHaveLength(1));
    const [sent] = argsOf<{ id: string; input: EventInput }>(api.calls, "event_update");
    expect(sent?.id).toBe(topup.id);
    expect(sent?.input.amount).toEqual({ minor: 1500, currency: "GBP" });
    expect(sent?.input.occurredAt).toBe(topup.occurredAt);
  });
});
