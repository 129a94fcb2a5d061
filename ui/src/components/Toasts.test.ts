import { render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLocale } from "../lib/i18n/index.svelte";
import { toasts } from "../lib/toast.svelte";
import { resetApp } from "../test/helpers";
import Toasts from "./Toasts.svelte";

beforeEach(resetApp);
afterEach(() => {
  toasts.clear();
  resetApp();
});

describe("toasts", () => {
  it("shows a toast, and a language switch clears toasts written in the old language", async () => {
    setLocale("en");
    render(Toasts);
    toasts.show("Number added", 60_000);
    expect(await screen.findByText("Number added")).toBeTruthy();
    setLocale("zh-CN");
    await waitFor(() => expect(screen.queryByText("Number added")).toBeNull());
  });

  it("never stacks: a new toast takes the place of the one showing", async () => {
    setLocale("en");
    render(Toasts);
    toasts.show("Number added", 60_000);
    toasts.show("Renewal saved", 60_000);
    expect(await screen.findByText("Renewal saved")).toBeTruthy();
    expect(screen.queryByText("Number added")).toBeNull();
    expect(screen.getAllByTestId("toast")).toHaveLength(1);
  });
});
