import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LineSummary, Settings } from "./lib/api";
import { settings } from "./lib/reminders.svelte";
import { router } from "./lib/router.svelte";
import {
  argsOf,
  backend,
  emitOpenTarget,
  makeLine,
  makeSettings,
  makeSummary,
  resetApp,
} from "./test/helpers";
import { fixtures } from "./test/fixtures";
import type { Handler } from "./test/helpers";
import App from "./App.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const ok = makeSummary({
  line: makeLine({ id: "aaaaaaaa-0000-4000-8000-000000000001", label: "Fine one" }),
  status: "ok",
});
const soon = makeSummary({
  line: makeLine({
    id: "aaaaaaaa-0000-4000-8000-000000000002",
    label: "Due soon one",
    e164: "+447700900123",
    displayNumber: "+44 7700 900123",
  }),
  status: "due_soon",
  ruleSource: "carrier",
  daysLeft: 3,
});

const item = (summary: LineSummary) => ({ summary, nextAction: null, nextCost: null });
const needsOnly = (args: Record<string, unknown>) =>
  (args.query as { needsAction: boolean }).needsAction;

function app(extra: Record<string, Handler> = {}, settings: Partial<Settings> = {}) {
  return backend({
    // What the core answers: "needs action" only those due soon or overdue.
    dashboard_get: (args) =>
      needsOnly(args)
        ? { needsAction: [item(soon)], others: [] }
        : { needsAction: [item(soon)], others: [item(ok)] },
    line_facets: () => fixtures.facets(),
    line_get: (args) => (args.id === soon.line.id ? soon : ok),
    event_list: () => [],
    currency_list: () => [],
    settings_get: () => makeSettings(settings),
    settings_set_locale: () => null,
    navigation_take: () => null,
    line_reminder_get: () => fixtures.reminders("smart"),
    reminder_upcoming: () => [],
    ...extra,
  });
}

describe("navigation from notifications", () => {
  it("takes a tap that happened before the page listened", async () => {
    const { calls } = app({ navigation_take: () => ({ lineId: soon.line.id }) });
    render(App);
    await waitFor(() => expect(router.route).toEqual({ name: "detail", id: soon.line.id }));
    expect(argsOf(calls, "navigation_take").length).toBeGreaterThanOrEqual(1);
    expect(await screen.findByTestId("detail-number")).toHaveTextContent("+44 7700 900123");
  });

  it("opens the tapped line, or the needs-action view for a summary", async () => {
    app();
    render(App);
    await screen.findAllByTestId("line-item");
    await waitFor(() => expect(document.documentElement.dataset.ready).toBe("true"));

    await emitOpenTarget({ lineId: ok.line.id });
    await waitFor(() => expect(router.route).toEqual({ name: "detail", id: ok.line.id }));
    expect(window.location.hash).toBe(`#/line/${ok.line.id}`);
    await screen.findByTestId("line-detail");

    await emitOpenTarget({ lineId: null });
    await waitFor(() => expect(router.route).toEqual({ name: "list" }));
    expect(await screen.findByTestId("filter-needs-action")).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await waitFor(() =>
      expect(screen.getAllByTestId("line-label").map((l) => l.textContent)).toEqual([
        "Due soon one",
      ]),
    );
  });

  it("shows a friendly empty state when nothing needs action", async () => {
    app({
      dashboard_get: (args) => ({ needsAction: [], others: needsOnly(args) ? [] : [item(ok)] }),
    });
    render(App);
    await screen.findAllByTestId("line-item");
    await fireEvent.click(screen.getByTestId("filter-needs-action"));
    expect(await screen.findByTestId("empty-needs-action")).toHaveTextContent("All clear");
  });
});

describe("keep costs", () => {
  it("is one tap away in the header's menu and shows the core's report", async () => {
    app({ keep_cost_report: () => fixtures.keepCostReport() });
    render(App);
    await fireEvent.click(await screen.findByTestId("header-menu"));
    const link = screen.getByTestId("menu-costs");
    expect(link).toHaveAttribute("href", "#/costs");
    await fireEvent.click(link);
    router.navigate("#/costs"); // jsdom does not follow the link by itself
    expect(await screen.findByTestId("costs-screen")).toBeInTheDocument();
    expect(await screen.findAllByTestId("costs-line")).toHaveLength(
      fixtures.keepCostReport().lines.length,
    );
  });
});

describe("language", () => {
  it("tells Rust the UI's language at start and after a switch", async () => {
    const { calls } = app();
    render(App);
    await waitFor(() => expect(argsOf(calls, "settings_set_locale")).toEqual([{ locale: "en" }]));
    await fireEvent.change(screen.getByTestId("locale-switch"), { target: { value: "zh-CN" } });
    await waitFor(() =>
      expect(argsOf(calls, "settings_set_locale")).toEqual([{ locale: "en" }, { locale: "zh_cn" }]),
    );
  });
});

describe("notification permission", () => {
  it("offers it on mobile when not asked yet, and asks from the explanation screen", async () => {
    const { calls } = app(
      {
        notification_permission_request: () =>
          makeSettings({ platform: "android", permission: "granted", autostart: null }),
      },
      { platform: "android", permission: "prompt", autostart: null },
    );
    render(App);
    const card = await screen.findByTestId("permission-card");
    expect(argsOf(calls, "notification_permission_request")).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("permission-card-open"));
    router.navigate("#/notifications"); // jsdom does not follow the link by itself
    await waitFor(() => expect(card).not.toBeInTheDocument());
    await fireEvent.click(await screen.findByTestId("permission-request"));
    await waitFor(() => expect(argsOf(calls, "notification_permission_request")).toHaveLength(1));
    expect(await screen.findByTestId("permission-result")).toHaveAttribute(
      "data-permission",
      "granted",
    );
  });

  it.each([
    ["desktop", "prompt"],
    ["android", "granted"],
    ["ios", "denied"],
  ] as const)("never shows the card on %s with %s", async (platform, permission) => {
    app({}, { platform, permission });
    render(App);
    await screen.findAllByTestId("line-item");
    await waitFor(() => expect(settings.current?.platform).toBe(platform));
    expect(screen.queryByTestId("permission-card")).toBeNull();
  });

  it("does not show the card before there is a number, and can be dismissed", async () => {
    app(
      {
        dashboard_get: () => ({ needsAction: [], others: [] }),
        line_facets: () => fixtures.facets("empty"),
      },
      { platform: "ios", permission: "prompt" },
    );
    const first = render(App);
    await screen.findByTestId("empty-state");
    expect(screen.queryByTestId("permission-card")).toBeNull();
    first.unmount();

    resetApp();
    app({}, { platform: "ios", permission: "prompt" });
    render(App);
    await fireEvent.click(await screen.findByTestId("permission-card-dismiss"));
    expect(screen.queryByTestId("permission-card")).toBeNull();
  });
});

describe("a database that could not be opened", () => {
  it("shows only the recovery screen, then the list once a backup is restored", async () => {
    const { calls } = app({
      recovery_status: () => ({
        needed: true,
        code: "database_damaged",
        message: "the database is damaged: file is not a database",
        foundVersion: null,
        supportedVersion: null,
        databasePath: "/data/baohao.db",
        setAside: null,
        latestBackup: {
          path: "/data/backups/baohao-auto-20260302T090000Z-2l-0e-0123456789abcdef.json",
          fileName: "baohao-auto-20260302T090000Z-2l-0e-0123456789abcdef.json",
          kind: "auto",
          createdAt: "2026-03-02T09:00:00Z",
          sizeBytes: 1024,
          lines: 2,
          events: 0,
          contentHash: "0123456789abcdef",
        },
      }),
      recovery_restore_latest: () => ({
        setAside: "/data/baohao.db.damaged-20260303T090000Z",
        restored: null,
      }),
    });
    render(App);
    await screen.findByTestId("recovery-screen");
    expect(screen.queryByTestId("line-list")).toBeNull();
    expect(argsOf(calls, "dashboard_get")).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("recovery-restore-latest"));
    await fireEvent.click(await screen.findByTestId("recovery-confirm"));
    expect(await screen.findByText("Fine one")).toBeInTheDocument();
    expect(screen.queryByTestId("recovery-screen")).toBeNull();
  });
});
