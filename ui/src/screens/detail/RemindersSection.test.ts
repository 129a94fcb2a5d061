import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineReminderOverrides, LineReminders, SnoozeChoice } from "../../lib/api";
import { fixtures } from "../../test/fixtures";
import { argsOf, backend, commandError, resetApp } from "../../test/helpers";
import RemindersSection from "./RemindersSection.svelte";

beforeEach(resetApp);
afterEach(resetApp);

// The giffgaff sample line (due soon) and the 3HK one (overdue), as the core describes them.
const giffgaff = fixtures.lineId("giffgaff");
const threeHk = fixtures.lineId("3hk");

/** A backend that answers like the core: each write returns the state the core returned for
 * it where it was recorded, and otherwise the state with the overrides written. */
function fake(initial: LineReminders) {
  let current = initial;
  return backend({
    line_reminder_get: () => current,
    line_reminder_set: (args) => {
      const overrides = args.overrides as LineReminderOverrides;
      current = {
        ...current,
        overrides,
        leadsDays: overrides.leadsDays ?? current.defaultLeadsDays,
        snoozedUntil: overrides.snoozedUntil,
      };
      return current;
    },
    line_snooze: (args) => {
      const choice = args.choice as SnoozeChoice;
      if (choice.type === "until" && choice.date < current.snoozeFrom)
        throw commandError("out_of_range", "snooze");
      const until = "2026-03-06T09:00:00Z";
      current = {
        ...current,
        snoozedUntil: until,
        overrides: { ...current.overrides, snoozedUntil: until },
      };
      return current;
    },
    line_nag_dismiss: () => (current = { ...current, nag: "dismissed" }),
  });
}

describe("a line's reminders", () => {
  it("snoozes with the chosen duration, shows until when, and takes only the dates the core allows", async () => {
    const state = fixtures.reminders("giffgaff");
    expect(state.snoozeFrom).toBe("2026-03-04");
    const { calls } = fake(state);
    render(RemindersSection, { props: { lineId: giffgaff, status: "due_soon", actBy: null } });
    await fireEvent.click(await screen.findByTestId("snooze-1d"));
    await fireEvent.click(screen.getByTestId("snooze-3d"));
    const date = screen.getByTestId("snooze-date");
    expect(date).toHaveAttribute("min", state.snoozeFrom);
    expect(date).toHaveAttribute("max", state.snoozeTo);
    expect(screen.getByTestId("snooze-until")).toBeDisabled();
    await fireEvent.input(date, { target: { value: "2026-03-20" } });
    await fireEvent.click(screen.getByTestId("snooze-until"));
    await waitFor(() => expect(argsOf(calls, "line_snooze")).toHaveLength(3));
    expect(argsOf<{ lineId: string; choice: SnoozeChoice }>(calls, "line_snooze")).toEqual([
      { lineId: giffgaff, choice: { type: "one_day" } },
      { lineId: giffgaff, choice: { type: "three_days" } },
      { lineId: giffgaff, choice: { type: "until", date: "2026-03-20" } },
    ]);
    expect(await screen.findByTestId("snoozed-until")).toHaveTextContent("Snoozed until");

    await fireEvent.click(screen.getByTestId("snooze-clear"));
    await waitFor(() => expect(screen.queryByTestId("snoozed-until")).toBeNull());
    expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
      lineId: giffgaff,
      overrides: { ...state.overrides, snoozedUntil: null },
    });
  });

  it("shows the core's error when the date is not one it takes", async () => {
    fake(fixtures.reminders("giffgaff"));
    render(RemindersSection, { props: { lineId: giffgaff, status: "ok", actBy: null } });
    await fireEvent.input(await screen.findByTestId("snooze-date"), {
      target: { value: "2026-03-03" },
    });
    await fireEvent.click(screen.getByTestId("snooze-until"));
    expect(await screen.findByTestId("snooze-error")).toHaveTextContent("out of range");
  });

  it("mutes, and switches between the settings' leads and its own", async () => {
    const state = fixtures.reminders("giffgaff");
    const { calls } = fake(state);
    render(RemindersSection, { props: { lineId: giffgaff, status: "ok", actBy: null } });
    const leads = await screen.findByTestId("reminder-leads");
    expect(leads).toHaveAttribute("data-mode", "default");
    expect(leads).toHaveTextContent("30, 7, 3, and 1 days before the deadline and on the day");
    await fireEvent.click(screen.getByTestId("reminder-leads-mode-custom"));
    await waitFor(() =>
      expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
        lineId: giffgaff,
        overrides: { ...state.overrides, leadsDays: state.defaultLeadsDays },
      }),
    );
    expect(await screen.findAllByTestId("reminder-lead-chip")).toHaveLength(5);

    await fireEvent.click(screen.getByTestId("reminder-mute"));
    await waitFor(() =>
      expect(argsOf(calls, "line_reminder_set").at(-1)).toEqual({
        lineId: giffgaff,
        overrides: { ...state.overrides, leadsDays: state.defaultLeadsDays, muted: true },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId("snooze-1d")).toBeNull());
  });

  it("offers to stop the daily reminder only when the core says it runs", async () => {
    const ok = fixtures.reminders("giffgaff");
    expect(ok.nag).toBe("off");
    fake(ok);
    const first = render(RemindersSection, {
      props: { lineId: giffgaff, status: "due_soon", actBy: null },
    });
    await screen.findByTestId("snooze-1d");
    expect(screen.queryByTestId("reminder-dismiss-nag")).toBeNull();
    first.unmount();

    const overdue = fixtures.reminders("3hk");
    expect(overdue.nag).toBe("active");
    const { calls } = fake(overdue);
    render(RemindersSection, { props: { lineId: threeHk, status: "overdue", actBy: null } });
    await fireEvent.click(await screen.findByTestId("reminder-dismiss-nag"));
    await waitFor(() => expect(argsOf(calls, "line_nag_dismiss")).toEqual([{ lineId: threeHk }]));
    expect(await screen.findByTestId("nag-dismissed")).toBeInTheDocument();
  });
});
