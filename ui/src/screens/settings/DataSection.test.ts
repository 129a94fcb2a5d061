import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BackupInfo, CsvPreview, CsvTable, RestorePreview } from "../../lib/api";
import { toasts } from "../../lib/toast.svelte";
import { fixtures } from "../../test/fixtures";
import { argsOf, backend, resetApp } from "../../test/helpers";
import DataSection from "./DataSection.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const AUTO: BackupInfo = {
  path: "/data/backups/baohao-auto-20260302T090000Z-2l-1e-0123456789abcdef.json",
  fileName: "baohao-auto-20260302T090000Z-2l-1e-0123456789abcdef.json",
  kind: "auto",
  createdAt: "2026-03-02T09:00:00Z",
  sizeBytes: 2048,
  lines: 2,
  events: 1,
  contentHash: "0123456789abcdef",
};

const counts = (added: number, updated = 0, unchanged = 0, conflicting = 0) => ({
  added,
  updated,
  unchanged,
  conflicting,
});

function preview(mode: "merge" | "replace"): RestorePreview {
  return {
    mode,
    backup: {
      createdAt: "2026-03-02T09:00:00Z",
      appVersion: "0.1.0",
      formatVersion: 2,
      lines: 2,
      carriers: 0,
      events: 1,
      plans: 1,
      promotions: 0,
    },
    lines: mode === "merge" ? counts(1, 0, 1) : counts(2),
    carriers: counts(0),
    events: counts(1),
    plans: counts(1),
    promotions: counts(0),
    settings: counts(0),
    removedLines: mode === "replace" ? 3 : 0,
    removedCarriers: 0,
    removedEvents: 0,
    removedPlans: 0,
    removedPromotions: 0,
    items: [
      {
        record: "line",
        id: "a",
        title: "Travel UK (+447911123456)",
        action: "added",
        reason: null,
      },
    ],
    itemsOmitted: 0,
  };
}

describe("settings → data", () => {
  it("lists the automatic backups and restores one after a preview and a confirmation", async () => {
    const { calls } = backend({
      auto_backups_list: () => [AUTO],
      auto_backup_preview: (a) => preview(a.mode as "merge" | "replace"),
      auto_backup_restore: (a) => ({
        preview: preview(a.mode as "merge" | "replace"),
        safetyBackup: "/data/backups/before.json",
      }),
    });
    render(DataSection);
    const item = await screen.findByTestId("data-auto-item");
    expect(item).toHaveTextContent("numbers: 2, renewals: 1");
    await fireEvent.click(within(item).getByTestId("data-auto-restore"));
    const table = await screen.findByTestId("restore-counts");
    expect(within(table).getByText("Numbers").closest("tr")).toHaveTextContent("1");
    // Replace says what goes.
    await fireEvent.click(screen.getByTestId("restore-mode-replace"));
    await waitFor(() =>
      expect(argsOf(calls, "auto_backup_preview").map((a) => a.mode)).toEqual(["merge", "replace"]),
    );
    await fireEvent.click(await screen.findByTestId("restore-go"));
    await fireEvent.click(await screen.findByTestId("restore-confirm"));
    await waitFor(() =>
      expect(argsOf(calls, "auto_backup_restore")).toEqual([
        { fileName: AUTO.fileName, mode: "replace" },
      ]),
    );
    expect(toasts.items.at(-1)?.text).toContain("Restored");
  });

  it("backs up to the file chosen in the save dialog", async () => {
    const { calls } = backend({
      auto_backups_list: () => [],
      "plugin:dialog|save": () => "/home/you/baohao-backup.json",
      export_file_name: (a) => fixtures.exportFileName(a.kind as string),
      backup_write: () => ({
        createdAt: "2026-03-03T09:00:00Z",
        appVersion: "0.1.0",
        formatVersion: 2,
        lines: 4,
        carriers: 1,
        events: 9,
        plans: 0,
        promotions: 0,
      }),
    });
    render(DataSection);
    await screen.findByTestId("data-auto-empty");
    await fireEvent.click(screen.getByTestId("data-backup-now"));
    await waitFor(() =>
      expect(argsOf(calls, "backup_write")).toEqual([{ path: "/home/you/baohao-backup.json" }]),
    );
    await waitFor(() => expect(toasts.items.at(-1)?.text).toContain("numbers: 4, renewals: 9"));
  });

  it("shares each export through the phone's share sheet, and offers none on a computer", async () => {
    const { calls } = backend({
      auto_backups_list: () => [],
      app_info: () => ({ ...fixtures.appInfo, canShare: true }),
      share_export: () => null,
    });
    const phone = render(DataSection);
    await fireEvent.click(await screen.findByTestId("data-share-eventsCsv"));
    await waitFor(() =>
      expect(argsOf(calls, "share_export")).toEqual([
        { kind: "eventsCsv", lineId: null, title: "Share with…" },
      ]),
    );
    phone.unmount();

    backend({ auto_backups_list: () => [] });
    expect(fixtures.appInfo.canShare).toBe(false);
    render(DataSection);
    await screen.findByTestId("data-auto-empty");
    expect(screen.queryByTestId("data-share")).toBeNull();
  });

  it("does nothing when the dialog is cancelled", async () => {
    const { calls } = backend({
      auto_backups_list: () => [],
      "plugin:dialog|save": () => null,
      export_file_name: (a) => fixtures.exportFileName(a.kind as string),
    });
    render(DataSection);
    await fireEvent.click(await screen.findByTestId("data-export-lines"));
    await waitFor(() => expect(argsOf(calls, "plugin:dialog|save")).toHaveLength(1));
    // The dialog offers the name the core gives, dated by the user's day.
    expect(
      argsOf<{ options: { defaultPath: string } }>(calls, "plugin:dialog|save")[0]?.options
        .defaultPath,
    ).toBe(fixtures.exportFileName("linesCsv"));
    expect(argsOf(calls, "export_lines_csv")).toHaveLength(0);
  });

  it("imports a CSV only once every row passes, showing each error by row and column", async () => {
    const table: CsvTable = {
      encoding: "gbk",
      delimiter: ";",
      hasHeader: true,
      headers: ["号码", "名称"],
      rows: [
        { row: 2, cells: ["+63 912 345 6789", "Travel"] },
        { row: 3, cells: ["12", "Broken"] },
      ],
      mapping: ["number", "label"],
    };
    const bad: CsvPreview = {
      rows: [
        {
          row: 2,
          number: "+639123456789",
          label: "Travel",
          carrier: "",
          lastRenewal: null,
          errors: [],
        },
        {
          row: 3,
          number: "12",
          label: "Broken",
          carrier: "",
          lastRenewal: null,
          errors: [
            {
              row: 3,
              column: "number",
              columnName: "号码",
              code: "invalid_number",
              field: "number",
              message: "not a valid phone number: too short",
            },
          ],
        },
      ],
      validRows: 1,
      invalidRows: 1,
      tableErrors: [],
    };
    const good: CsvPreview = { ...bad, rows: [bad.rows[0]!], validRows: 1, invalidRows: 0 };
    let fixed = false;
    const { calls } = backend({
      auto_backups_list: () => [],
      "plugin:dialog|open": () => "/home/you/numbers.csv",
      csv_read: () => table,
      csv_preview: () => (fixed ? good : bad),
      csv_import: () => ({ lines: 1, events: 0 }),
    });
    render(DataSection);
    await fireEvent.click(await screen.findByTestId("data-csv-import"));
    const error = await screen.findByTestId("csv-row-error");
    expect(error).toHaveTextContent("Row 3, 号码:");
    expect(screen.getByTestId("csv-import-go")).toBeDisabled();
    // The user ignores the bad column's rows by fixing the file; here the core answers anew.
    fixed = true;
    await fireEvent.change(screen.getByTestId("csv-map-1"), { target: { value: "notes" } });
    await waitFor(() => expect(screen.getByTestId("csv-import-go")).toBeEnabled());
    expect(argsOf(calls, "csv_preview").at(-1)).toEqual({
      path: "/home/you/numbers.csv",
      mapping: ["number", "notes"],
    });
    await fireEvent.click(screen.getByTestId("csv-import-go"));
    await waitFor(() => expect(argsOf(calls, "csv_import")).toHaveLength(1));
    expect(toasts.items.at(-1)?.text).toContain("Numbers imported: 1");
  });
});
