import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RecoveryOutcome, RecoveryStatus } from "../lib/api";
import { argsOf, backend, commandError, resetApp } from "../test/helpers";
import RecoveryScreen from "./RecoveryScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const DB = "/home/you/.local/share/app.baohao/baohao.db";

function status(overrides: Partial<RecoveryStatus> = {}): RecoveryStatus {
  return {
    needed: true,
    code: "database_damaged",
    message: "the database is damaged: file is not a database",
    foundVersion: null,
    supportedVersion: null,
    databasePath: DB,
    setAside: null,
    latestBackup: {
      path: "/home/you/.local/share/app.baohao/backups/baohao-auto-20260302T090000Z-2l-1e-0123456789abcdef.json",
      fileName: "baohao-auto-20260302T090000Z-2l-1e-0123456789abcdef.json",
      kind: "auto",
      createdAt: "2026-03-02T09:00:00Z",
      sizeBytes: 2048,
      lines: 2,
      events: 1,
      contentHash: "0123456789abcdef",
    },
    ...overrides,
  };
}

const OUTCOME: RecoveryOutcome = { setAside: `${DB}.damaged-20260303T090000Z`, restored: null };

describe("recovery screen", () => {
  it("says what happened, keeps the file, and restores the latest backup after a confirmation", async () => {
    const { calls } = backend({ recovery_restore_latest: () => OUTCOME });
    const onrecovered = vi.fn();
    render(RecoveryScreen, { status: status(), onrecovered });
    expect(screen.getByTestId("recovery-screen")).toHaveAttribute("data-code", "database_damaged");
    expect(screen.getByTestId("recovery-reason")).toHaveTextContent("damaged");
    expect(screen.getByTestId("recovery-path")).toHaveTextContent(DB);
    expect(screen.getByTestId("recovery-latest")).toHaveTextContent("numbers: 2, renewals: 1");
    expect(document.documentElement.dataset.ready).toBe("true");

    await fireEvent.click(screen.getByTestId("recovery-restore-latest"));
    expect(argsOf(calls, "recovery_restore_latest")).toHaveLength(0);
    await fireEvent.click(await screen.findByTestId("recovery-confirm"));
    await waitFor(() => expect(onrecovered).toHaveBeenCalledWith(OUTCOME));
    expect(argsOf(calls, "recovery_restore_latest")).toHaveLength(1);
  });

  it("greys out the latest backup when there is none and starts empty after a confirmation", async () => {
    const { calls } = backend({ recovery_start_empty: () => OUTCOME });
    const onrecovered = vi.fn();
    render(RecoveryScreen, { status: status({ latestBackup: null }), onrecovered });
    expect(screen.getByTestId("recovery-restore-latest")).toBeDisabled();
    expect(screen.getByTestId("recovery-latest")).toHaveTextContent("no automatic backup");
    await fireEvent.click(screen.getByTestId("recovery-start-empty"));
    await fireEvent.click(await screen.findByTestId("recovery-confirm"));
    await waitFor(() => expect(onrecovered).toHaveBeenCalled());
    expect(argsOf(calls, "recovery_start_empty")).toHaveLength(1);
  });

  it("names both versions for a newer database", () => {
    backend({});
    render(RecoveryScreen, {
      status: status({ code: "database_newer", foundVersion: 9, supportedVersion: 6 }),
      onrecovered: vi.fn(),
    });
    const reason = screen.getByTestId("recovery-reason");
    expect(reason).toHaveTextContent("9");
    expect(reason).toHaveTextContent("6");
  });

  it("restores a file picked in the dialog, and shows the core's error when it fails", async () => {
    const { calls } = backend({
      "plugin:dialog|open": () => "/home/you/backup.json",
      recovery_restore_file: () => {
        throw commandError("file_io", null);
      },
    });
    const onrecovered = vi.fn();
    render(RecoveryScreen, { status: status(), onrecovered });
    await fireEvent.click(screen.getByTestId("recovery-restore-file"));
    await fireEvent.click(await screen.findByTestId("recovery-confirm"));
    expect(await screen.findByTestId("recovery-error")).toHaveTextContent(/./);
    expect(argsOf(calls, "recovery_restore_file")).toEqual([{ path: "/home/you/backup.json" }]);
    expect(onrecovered).not.toHaveBeenCalled();
  });

  it("offers to try again when the disk was full", async () => {
    const { calls } = backend({ recovery_retry: () => OUTCOME });
    const onrecovered = vi.fn();
    render(RecoveryScreen, { status: status({ code: "disk_full" }), onrecovered });
    await fireEvent.click(screen.getByTestId("recovery-retry"));
    await waitFor(() => expect(onrecovered).toHaveBeenCalled());
    expect(argsOf(calls, "recovery_retry")).toHaveLength(1);
  });
});
