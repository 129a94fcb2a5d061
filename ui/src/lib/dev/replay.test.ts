import { describe, expect, it } from "vitest";
import { canonical, lookup, replay } from "./replay";

describe("the dev backend's recordings", () => {
  it("find what the core answered for the same arguments, in the state it was in", () => {
    const giffgaff = replay.lines.giffgaff!;
    const before = lookup("sample", "en", "line_get", { id: giffgaff });
    const after = lookup("renewed", "en", "line_get", { id: giffgaff });
    expect((before?.ok as { status: string }).status).toBe("due_soon");
    expect((after?.ok as { status: string }).status).toBe("ok");
    expect(lookup("sample", null, "currency_list", {})?.ok).toBeInstanceOf(Array);
    expect(lookup("sample", null, "line_get", { id: "missing" })?.err?.code).toBe("not_found");
    expect(lookup("sample", null, "line_get", { id: "never-recorded" })).toBeNull();
  });

  it("hold the core's own answer to which lines need action", async () => {
    const { fixtures } = await import("../../test/fixtures");
    const needs = fixtures.list("active", "sample", true);
    expect(needs.map((s) => s.status).sort()).toEqual(["due_soon", "due_soon", "overdue"]);
    expect(fixtures.list("active").length).toBeGreaterThan(needs.length);
  });

  it("answer in the language the UI last told the core", () => {
    const en = lookup("sample", "en", "reminder_upcoming", { limit: 10 });
    const zh = lookup("sample", "zh_cn", "reminder_upcoming", { limit: 10 });
    expect((en?.ok as { title: string }[])[0]?.title).toContain("renewal overdue");
    expect((zh?.ok as { title: string }[])[0]?.title).toContain("已过续费期限");
  });

  it("compare arguments whatever the order of their keys", () => {
    expect(canonical({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
  });
});
