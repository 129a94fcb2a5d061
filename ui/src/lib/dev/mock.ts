// DEV-ONLY backend so the UI can run in a plain browser (vite dev, or `vite build --mode mock`
// for screenshots). main.ts imports it only when there is no Tauri IPC and only in those
// modes; the production build does not contain it.
//
// It computes nothing: every answer is one the real core gave through real IPC, recorded in
// ./fixtures/replay.json by `make fixtures` (a Rust test fails when that file is stale). A
// command called with arguments that were never recorded answers with a structured error
// saying so. Recorded writes move to the state they led to (the sample → "renewed" after
// saving "I renewed" on the giffgaff number as it opens).
//
// URL switches: ?empty (nothing saved), ?locale=zh-CN|en, ?numberLocale=de-DE (the OS's
// number format), ?slow (600 ms latency), ?platform=android|ios|desktop (default desktop),
// ?permission=prompt|denied|granted (default: granted on desktop, prompt on mobile), ?deny
// (the permission request answers "denied"), ?pending=<line id>|needs (a notification tapped
// before the page listened). The platform switches describe the device the UI runs on, which
// the recording machine was not; they replace those fields of the recorded settings.
// `window.__baohaoMock.openTarget(lineId | null)` imitates a tap on a notification.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppInfo, CommandError, Permission, Platform, Settings } from "../api";
import { isLocale, setLocale } from "../i18n/index.svelte";
import { lookup } from "./replay";

function notRecorded(cmd: string, args: unknown): never {
  throw {
    code: "internal",
    field: null,
    message: `dev mode replays what the core answered; ${cmd} ${JSON.stringify(args)} was not recorded (see make fixtures)`,
  } satisfies CommandError;
}

export function installMockBackend(params: URLSearchParams): void {
  const locale = params.get("locale");
  if (isLocale(locale)) setLocale(locale);
  const delay = params.has("slow") ? 600 : 80;

  let state = params.has("empty") ? "empty" : "sample";
  let lang: string | null = null;

  // The device, which the recording did not have.
  const platformParam = params.get("platform");
  const platform: Platform =
    platformParam === "android" || platformParam === "ios" ? platformParam : "desktop";
  const permissionParam = params.get("permission");
  let permission: Permission =
    permissionParam === "prompt" || permissionParam === "denied" || permissionParam === "granted"
      ? permissionParam
      : platform === "desktop"
        ? "granted"
        : "prompt";
  const device = (settings: Settings): Settings => ({
    ...settings,
    platform,
    permission,
    autostart: platform === "desktop" ? settings.autostart : null,
  });
  const pendingParam = params.get("pending");
  let pendingTarget: { lineId: string | null } | null = pendingParam
    ? { lineId: pendingParam === "needs" ? null : pendingParam }
    : null;

  (window as unknown as { __baohaoMock: unknown }).__baohaoMock = {
    openTarget: (lineId: string | null) => {
      pendingTarget = { lineId };
      return emit("open-target", { lineId });
    },
  };

  mockIPC(
    async (cmd, payload) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const args = (payload ?? {}) as Record<string, unknown>;
      // The device's own answers.
      if (cmd === "navigation_take") {
        const target = pendingTarget;
        pendingTarget = null;
        return target;
      }
      if (cmd === "notification_permission_request" && permission === "prompt")
        permission = params.has("deny") ? "denied" : "granted";
      if (cmd === "settings_set_locale") {
        lang = String(args.locale);
        return null;
      }
      const entry =
        lookup(
          state,
          lang,
          cmd === "notification_permission_request" ? "settings_get" : cmd,
          cmd === "notification_permission_request" ? {} : args,
        ) ?? notRecorded(cmd, args);
      if (entry.err) throw entry.err;
      if (entry.then) state = entry.then;
      if (cmd === "settings_get" || cmd === "notification_permission_request")
        return device(entry.ok as Settings);
      if (cmd === "app_info" && params.get("numberLocale"))
        return { ...(entry.ok as AppInfo), numberLocale: params.get("numberLocale") };
      if (cmd === "notification_test") console.info("[mock] test notification");
      return entry.ok ?? null;
    },
    { shouldMockEvents: true },
  );
}
