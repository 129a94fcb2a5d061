// Files the user picks for backups, CSV and calendars, through the system dialogs
// (tauri-plugin-dialog; the UI may only open them). What a dialog returns is handed to a
// command as it is: a path on a computer, a content:// or file:// URI on a phone (the shell
// opens those). A cancelled dialog is `null`; Android rejects instead of answering null when
// the user backs out, so a rejection is a cancel too.
import { open, save } from "@tauri-apps/plugin-dialog";

export type FileKind = "backup" | "csv" | "ics";

const EXTENSIONS: Record<FileKind, string[]> = {
  backup: ["json"],
  csv: ["csv", "txt"],
  ics: ["ics"],
};

function filters(kind: FileKind, name: string) {
  return [{ name, extensions: EXTENSIONS[kind] }];
}

/** Asks for a file to read; `null` when the user cancelled. */
export async function chooseFile(kind: FileKind, filterName: string): Promise<string | null> {
  try {
    const chosen = await open({
      multiple: false,
      directory: false,
      filters: filters(kind, filterName),
    });
    return typeof chosen === "string" ? chosen : null;
  } catch {
    return null;
  }
}

/** Asks where to write a file named `fileName`; `null` when the user cancelled. */
export async function chooseSaveAs(
  kind: FileKind,
  filterName: string,
  fileName: string,
): Promise<string | null> {
  try {
    return await save({ defaultPath: fileName, filters: filters(kind, filterName) });
  } catch {
    return null;
  }
}
