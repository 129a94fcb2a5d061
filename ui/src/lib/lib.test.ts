import { describe, expect, it } from "vitest";
import { call, toCommandError } from "./api";
import { errorMessage } from "./errors";
import {
  flagEmoji,
  formatDateTime,
  formatDay,
  parseTags,
  systemRegion,
  weekStartOf,
  zoneName,
} from "./format";
import { parse } from "./router.svelte";

describe("api.call", () => {
  it("passes ok results through and normalises errors", async () => {
    await expect(call(Promise.resolve({ status: "ok", data: 1 }))).resolves.toEqual({
      status: "ok",
      data: 1,
    });
    const rejected = await call(Promise.reject(new Error("boom")));
    expect(rejected).toEqual({
      status: "error",
      error: { code: "internal", message: "boom", field: null },
    });
    expect(toCommandError({ code: "storage", message: "disk" })).toEqual({
      code: "storage",
      message: "disk",
      field: null,
    });
    expect(toCommandError("plain string").code).toBe("internal");
  });

  it("translates codes and falls back for unknown ones", () => {
    expect(errorMessage({ code: "too_long", field: "notes", message: "x" })).toBe(
      "Notes is too long",
    );
    expect(errorMessage({ code: "nope" as "internal", field: null, message: "raw english" })).toBe(
      "Something went wrong. Please try again.",
    );
  });
});

describe("router", () => {
  it("parses the hash routes", () => {
    expect(parse("")).toEqual({ name: "list" });
    expect(parse("#/")).toEqual({ name: "list" });
    expect(parse("#/new")).toEqual({ name: "new" });
    expect(parse("#/line/abc")).toEqual({ name: "detail", id: "abc" });
    expect(parse("#/line/abc/edit")).toEqual({ name: "edit", id: "abc" });
    expect(parse("#/costs")).toEqual({ name: "costs" });
    expect(parse("#/nope")).toEqual({ name: "notFound", path: "/nope" });
    expect(parse("#/renewal-days")).toEqual({ name: "renewalDays" });
    expect(parse("#/forecast/")).toEqual({ name: "forecast" });
    expect(parse("#/calendar")).toEqual({ name: "calendar" });
  });
});

describe("format", () => {
  it("makes flags, tags and regions", () => {
    expect(flagEmoji("ph")).toBe("🇵🇭");
    expect(flagEmoji("")).toBe("");
    expect(parseTags(" a, b，a ,, c、d ")).toEqual(["a", "b", "c", "d"]);
    expect(systemRegion("en-GB")).toBe("GB");
    expect(systemRegion("zh-CN")).toBe("CN");
    expect(systemRegion("en")).toBe("US");
  });

  it("starts the week where the locale starts it", () => {
    expect(weekStartOf("en-US")).toBe("sunday");
    expect(weekStartOf("en")).toBe("sunday");
    expect(weekStartOf("en-GB")).toBe("monday");
    expect(weekStartOf("zh-CN")).toBe("monday");
    expect(weekStartOf("ar-EG")).toBe("saturday");
    expect(weekStartOf("not a locale")).toBe("monday");
  });
});

describe("dates in one style per language", () => {
  it("writes instants as the core's sentences do: day month year and a 24-hour clock", () => {
    const at = "2026-02-28T15:59:00Z";
    const local = new Date(at);
    const hh = String(local.getHours()).padStart(2, "0");
    const mm = String(local.getMinutes()).padStart(2, "0");
    expect(formatDateTime(at, "en")).toBe(`${local.getDate()} Feb 2026 ${hh}:${mm}`);
    expect(formatDateTime(at, "zh-CN")).toBe(`2026年2月${local.getDate()}日 ${hh}:${mm}`);
    expect(formatDay("2026-03-20", "en")).toBe("20 Mar 2026");
    expect(formatDay("2026-03-20", "zh-CN")).toBe("2026年3月20日");
  });

  it("names a zone the way people do, never by its IANA id", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    expect(zoneName("Asia/Hong_Kong", "en", winter)).toMatch(/^Hong Kong .*Time$/);
    expect(zoneName("Asia/Hong_Kong", "zh-CN", winter)).toMatch(/^香港.*时间$/);
    expect(zoneName("Europe/London", "en", winter)).not.toContain("/");
    expect(zoneName("Nowhere/Some_City", "en", winter)).toBe("Some City");
  });
});
