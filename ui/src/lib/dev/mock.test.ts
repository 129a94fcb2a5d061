import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { call, commands } from "../api";
import type { EventInput } from "../api";
import { installMockBackend } from "./mock";
import { replay } from "./replay";

afterEach(() => clearMocks());

describe("the dev backend", () => {
  it("replays the core's answers, moves to the recorded state after a recorded write, and says when it has none", async () => {
    installMockBackend(new URLSearchParams());
    const giffgaff = replay.lines.giffgaff!;
    const before = await call(commands.lineGet(giffgaff));
    expect(before.status === "ok" && before.data.status).toBe("due_soon");

    // "I renewed" saved as it opens: the write the core recorded, then its state.
    const prefill = await call(commands.renewalPrefillGet(giffgaff));
    if (prefill.status !== "ok") throw new Error("no prefill");
    const added = await call(commands.eventAdd(giffgaff, prefill.data as EventInput));
    expect(added.status).toBe("ok");
    const after = await call(commands.lineGet(giffgaff));
    expect(after.status === "ok" && after.data.status).toBe("ok");

    // A recorded error comes back as the core gave it; what was never recorded says so.
    const missing = await call(commands.lineGet("missing"));
    expect(missing.status === "error" && missing.error).toMatchObject({
      code: "not_found",
      field: "id",
    });
    const unknown = await call(commands.lineGet("never-recorded"));
    expect(unknown.status === "error" && unknown.error.message).toContain("was not recorded");
  });

  it("starts with nothing saved with ?empty, and plays the device it is told", async () => {
    installMockBackend(new URLSearchParams("empty&platform=android&numberLocale=de-DE"));
    const list = await call(
      commands.lineList({ search: null, archive: "active", needsAction: false }),
    );
    expect(list.status === "ok" && list.data).toEqual([]);
    const settings = await call(commands.settingsGet());
    expect(settings.status === "ok" && settings.data).toMatchObject({
      platform: "android",
      permission: "prompt",
      autostart: null,
    });
    const info = await call(commands.appInfo());
    expect(info.status === "ok" && info.data.numberLocale).toBe("de-DE");
  });
});
