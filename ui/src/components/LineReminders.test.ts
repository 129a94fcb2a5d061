import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineReminderOverrides, SnoozeChoice } from "../lib/api";
import { argsOf, backend, makeSettings, resetApp } from "../test/helpers";
import LineReminders from "./LineReminders.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const LINE = "11111111-1111-4111-8111-111111111111";
const ACT_BY = "2026-03-08T23:59:59Z";
const none: LineReminderOverrides = {
  leadsDays: null,
  muted: false,
  snoozedUntil: null,
  nagDismissedFor: null,
};

function fake(initial: LineReminderOverrides = none) {
  let current = initial;
  return backend({
    settings_get: () => makeSettings(),
    line_reminder_get: () => current,
    line_reminder_set: (args) => (current = args.overrides as LineReminderOverrides),
    line_snooze: () => (current = { ...current, snoozedUntil: "2099-01-02T09:00:00Z" }),
    line_nag_dismiss: () => (current = { ...current, nagDismissedFor: ACT_BY }),
  });
}

describe("per-line reminders", () => {
  it("snoozes with the chosen duration and shows until when", async () => {
    const { calls } = fake();
    render(LineReminders, { props: { lineId: LINE, status: "due_soon", actBy: ACT_BY } });
    await fireEvent.click(await screen.findByTestId("snooze-1d"));
    await fireEvent.click(screen.getByTestId("snooze-3d"));
    await fireEvent.input(screen.getByTestId("snooze-date"), { target: { value: "2099-01-02" } });
    await fireEvent.click(screen.getByTestId("snooze-until"));
    await waitFor(() => expect(argsOf(calls, "line_snooze")).toHaveLength(3));
    expect(argsOf<{ lineId: string; choice: SnoozeChoice }>(calls, "line_snooze")).toEqual([
      { lineId: LINE, choice: { type: "one_day" } },
      { lineId: LINE, choice: { type: "three_days" } },
      { lineId: LINE, choice: { type: "until", date: "2099-01-02" } },
    ]);
    expect(await screen.findByTestId("snoozed-until")).toHaveTextContent("Snoozed until");

    await fireEvent.click(screen.getByTestId("snooze-clear"));
    await waitFor(() => expect(screen.queryByTestId("snoozed-until")).toBeNull());
    expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
      lineId: LINE,
      overrides: { ...none, snoozedUntil: null },
    });
  });

  it("asks for a date before snoozing until one", async () => {
    const { calls } = fake();
    render(LineReminders, { props: { lineId: LINE, status: "ok", actBy: ACT_BY } });
    await fireEvent.click(await screen.findByTestId("snooze-until"));
    expect(screen.getByTestId("snooze-error")).toHaveTextContent("Pick a date first");
    expect(argsOf(calls, "line_snooze")).toHaveLength(0);
  });

  it("mutes, and switches between the default and its own leads", async () => {
    const { calls } = fake();
    render(LineReminders, { props: { lineId: LINE, status: "ok", actBy: ACT_BY } });
    const leads = await screen.findByTestId("reminder-leads");
    expect(leads).toHaveAttribute("data-mode", "default");
    await fireEvent.click(screen.getByTestId("reminder-leads-mode-custom"));
    await waitFor(() =>
      expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
        lineId: LINE,
        overrides: { ...none, leadsDays: [30, 7, 3, 1, 0] },
      }),
    );
    expect(await screen.findAllByTestId("reminder-lead-chip")).toHaveLength(5);

    await fireEvent.click(screen.getByTestId("reminder-mute"));
    await waitFor(() =>
      expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
        lineId: LINE,
        overrides: { ...none, leadsDays: [30, 7, 3, 1, 0], muted: true },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId("snooze-1d")).toBeNull());
  });

  it("offers to stop the daily nag only when overdue", async () => {
    fake();
    const first = render(LineReminders, {
      props: { lineId: LINE, status: "due_soon", actBy: ACT_BY },
    });
    await screen.findByTestId("snooze-1d");
    expect(screen.queryByTestId("reminder-dismiss-nag")).toBeNull();
    first.unmount();

    const { calls } = fake();
    render(LineReminders, { props: { lineId: LINE, status: "overdue", actBy: ACT_BY } });
    await fireEvent.click(await screen.findByTestId("reminder-dismiss-nag"));
    await waitFor(() => expect(argsOf(calls, "line_nag_dismiss")).toEqual([{ lineId: LINE }]));
    expect(await screen.findByTestId("nag-dismissed")).toBeInTheDocument();
  });
});
