import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReminderPolicy, UpcomingReminder } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { toasts } from "../lib/toast.svelte";
import { argsOf, backend, commandError, makeSettings, resetApp } from "../test/helpers";
import SettingsScreen from "./SettingsScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const LINE = "11111111-1111-4111-8111-111111111111";
const upcoming: UpcomingReminder[] = [
  {
    id: 7,
    lineId: LINE,
    at: "2099-03-01T09:00:00Z",
    kind: { type: "lead", days: 7 },
    title: "Travel UK: 7 days left",
    body: "+44 7911 123456 must be topped up by 8 Mar.",
  },
];

function base(overrides: Parameters<typeof makeSettings>[0] = {}) {
  return {
    settings_get: () => makeSettings(overrides),
    reminder_upcoming: () => upcoming,
    settings_set_policy: (args: Record<string, unknown>) =>
      makeSettings({ ...overrides, policy: args.policy as ReminderPolicy }),
  };
}

describe("settings", () => {
  it("loads the policy and saves it normalized", async () => {
    const { calls } = backend(base());
    render(SettingsScreen);
    await screen.findByTestId("settings-screen");
    const chips = await screen.findAllByTestId("settings-lead-chip");
    expect(chips.map((c) => c.textContent?.trim())).toEqual([
      "30 days",
      "7 days",
      "3 days",
      "1 day",
      "On the day",
    ]);
    expect(screen.getByTestId("settings-time")).toHaveValue("09:00");
    expect(screen.getByTestId("settings-zone")).toHaveValue("Europe/London");
    expect(screen.getByTestId("settings-quiet-enabled")).toBeChecked();
    expect(screen.getByTestId("settings-save")).toBeDisabled();

    // Remove "3 days", add 14, change the time, quiet hours off, balance every 30 days.
    await fireEvent.click(within(chips[2]!).getByRole("button"));
    await fireEvent.input(screen.getByTestId("settings-lead-input"), {
      target: { value: " 14 " },
    });
    await fireEvent.click(screen.getByTestId("settings-lead-add"));
    await fireEvent.input(screen.getByTestId("settings-time"), { target: { value: "08:30" } });
    await fireEvent.click(screen.getByTestId("settings-quiet-enabled"));
    await fireEvent.click(screen.getByTestId("settings-nag"));
    await fireEvent.input(screen.getByTestId("settings-balance-every"), {
      target: { value: "30" },
    });
    await fireEvent.click(screen.getByTestId("settings-save"));

    await waitFor(() => expect(argsOf(calls, "settings_set_policy")).toHaveLength(1));
    expect(argsOf(calls, "settings_set_policy")[0]).toEqual({
      policy: {
        leadsDays: [30, 14, 7, 1, 0],
        timeOfDay: "08:30:00",
        userZone: "Europe/London",
        quietHours: null,
        nagDaily: false,
        balanceCheckEveryDays: 30,
      },
    });
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toContain("Settings saved"));
    expect(screen.getByTestId("settings-save")).toBeDisabled();
  });

  it("shows a server error on the leads under the leads field, translated", async () => {
    setLocale("zh-CN");
    backend({
      ...base(),
      settings_set_policy: () => {
        throw commandError("out_of_range", "leads");
      },
    });
    render(SettingsScreen);
    await screen.findAllByTestId("settings-lead-chip");
    await fireEvent.input(screen.getByTestId("settings-lead-input"), {
      target: { value: "60" },
    });
    await fireEvent.click(screen.getByTestId("settings-lead-add"));
    await fireEvent.click(screen.getByTestId("settings-save"));
    const error = await screen.findByTestId("settings-leads-error");
    expect(error).toHaveTextContent("提前提醒天数超出允许范围");
    expect(screen.getByTestId("settings-leads")).toContainElement(error);
    expect(screen.queryByTestId("settings-form-error")).toBeNull();
  });

  it("lets the core check the policy and shows each error under its field", async () => {
    const { calls } = backend({
      ...base(),
      settings_set_policy: (args) => {
        const policy = args.policy as ReminderPolicy;
        if (policy.userZone === "Mars/Base") throw commandError("invalid_zone", "zone");
        if (policy.balanceCheckEveryDays === 0)
          throw commandError("out_of_range", "balanceCheckEvery");
        if (policy.timeOfDay === "") throw commandError("invalid_value", "timeOfDay");
        return makeSettings({ policy });
      },
    });
    render(SettingsScreen);
    await screen.findAllByTestId("settings-lead-chip");
    // A lead past the core's limit is caught as it is added, with the core's limit.
    await fireEvent.input(screen.getByTestId("settings-lead-input"), {
      target: { value: "400" },
    });
    await fireEvent.click(screen.getByTestId("settings-lead-add"));
    expect(screen.getByTestId("settings-leads-error")).toHaveTextContent("from 0 to 365");

    await fireEvent.input(screen.getByTestId("settings-zone"), { target: { value: "Mars/Base" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-zone-error")).toHaveTextContent(
      "Choose a valid time zone",
    );
    await fireEvent.input(screen.getByTestId("settings-zone"), {
      target: { value: "Europe/Berlin" },
    });
    await fireEvent.input(screen.getByTestId("settings-balance-every"), {
      target: { value: "0" },
    });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-balance-every-error")).toHaveTextContent(
      "out of range",
    );
    // Text that is no number at all cannot be sent.
    await fireEvent.input(screen.getByTestId("settings-balance-every"), {
      target: { value: "weekly" },
    });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-balance-every-error")).toHaveTextContent(
      "whole number",
    );
    await fireEvent.input(screen.getByTestId("settings-balance-every"), { target: { value: "" } });
    await fireEvent.input(screen.getByTestId("settings-time"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-time-error")).toHaveTextContent("could not be read");
    expect(argsOf(calls, "settings_set_policy")).toHaveLength(3);
  });

  it("sends quiet hours that start when they end, and shows them off as the core saves them", async () => {
    const { calls } = backend({
      ...base(),
      settings_set_policy: (args) => {
        const policy = args.policy as ReminderPolicy;
        // What the core does with such quiet hours (see the core's tests).
        return makeSettings({ policy: { ...policy, quietHours: null } });
      },
    });
    render(SettingsScreen);
    await screen.findAllByTestId("settings-lead-chip");
    await fireEvent.input(screen.getByTestId("settings-quiet-end"), { target: { value: "22:00" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(argsOf(calls, "settings_set_policy")).toHaveLength(1));
    expect(
      argsOf<{ policy: ReminderPolicy }>(calls, "settings_set_policy")[0]?.policy.quietHours,
    ).toEqual({
      start: "22:00:00",
      end: "22:00:00",
    });
    await waitFor(() => expect(screen.getByTestId("settings-quiet-enabled")).not.toBeChecked());
  });

  it("hides start at login where the platform has none, and applies it at once elsewhere", async () => {
    backend(base({ autostart: null }));
    const first = render(SettingsScreen);
    await screen.findAllByTestId("settings-lead-chip");
    expect(screen.queryByTestId("settings-autostart")).toBeNull();
    first.unmount();

    resetApp();
    const { calls } = backend({
      ...base(),
      settings_set_autostart: (args) => makeSettings({ autostart: args.enabled as boolean }),
    });
    render(SettingsScreen);
    const toggle = await screen.findByTestId("settings-autostart");
    expect(toggle).not.toBeChecked();
    await fireEvent.click(toggle);
    await waitFor(() =>
      expect(argsOf(calls, "settings_set_autostart")).toEqual([{ enabled: true }]),
    );
    await waitFor(() => expect(screen.getByTestId("settings-autostart")).toBeChecked());
  });

  it("shows the permission state with a way to fix it", async () => {
    backend(base({ permission: "prompt", platform: "android", autostart: null }));
    const first = render(SettingsScreen);
    const state = await screen.findByTestId("settings-permission");
    expect(state).toHaveAttribute("data-permission", "prompt");
    expect(screen.getByTestId("settings-permission-fix")).toHaveAttribute(
      "href",
      "#/notifications",
    );
    first.unmount();

    resetApp();
    backend(base({ permission: "denied", platform: "ios", autostart: null }));
    render(SettingsScreen);
    expect(await screen.findByTestId("settings-permission")).toHaveAttribute(
      "data-permission",
      "denied",
    );
    expect(screen.getByTestId("settings-permission-how")).toHaveTextContent(
      "Settings app → Notifications → Baohao",
    );
    expect(screen.queryByTestId("settings-permission-fix")).toBeNull();
  });

  it("sends a test notification and lists upcoming reminders that open their line", async () => {
    const { calls } = backend({ ...base(), notification_test: () => null });
    render(SettingsScreen);
    await fireEvent.click(await screen.findByTestId("notification-test"));
    await waitFor(() => expect(argsOf(calls, "notification_test")).toHaveLength(1));
    await waitFor(() =>
      expect(toasts.items.map((t) => t.text)).toContain("Test notification sent"),
    );
    expect(argsOf(calls, "reminder_upcoming")[0]).toEqual({ limit: 10 });
    const items = await screen.findAllByTestId("upcoming-item");
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent("Travel UK: 7 days left");
    expect(items[0]).toHaveAttribute("href", `#/line/${LINE}`);
    expect(screen.getByTestId("upcoming-list")).toBeInTheDocument();
  });
});
