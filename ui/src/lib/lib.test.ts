import { describe, expect, it } from "vitest";
import { call, toCommandError } from "./api";
import { errorMessage } from "./errors";
import { flagEmoji, parseTags, systemRegion, weekStartOf } from "./format";
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
