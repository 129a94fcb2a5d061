import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { argsOf, backend, makeSettings, resetApp } from "../test/helpers";
import OnboardingScreen from "./OnboardingScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const LINE = "11111111-1111-4111-8111-111111111111";

describe("onboarding", () => {
  it("saves the number, logs the last renewal on the chosen day, then explains notifications", async () => {
    const { calls } = backend({
      line_create: (args: Record<string, unknown>) => ({
        id: LINE,
        ...(args.input as object),
      }),
      renewal_prefill_get: () => ({
        occurredAt: "2026-03-03T10:00:00Z",
        kind: "topup",
        amount: { minor: 1000, currency: "PHP" },
        method: null,
        channel: null,
        reference: "",
        note: "",
        balanceAfter: null,
      }),
      event_add: () => ({}),
      onboarding_finish: () => makeSettings({ onboarding: false }),
    });
    render(OnboardingScreen);
    await fireEvent.click(await screen.findByTestId("onboarding-start"));
    await fireEvent.input(screen.getByTestId("onboarding-number"), {
      target: { value: "0912 345 6789" },
    });
    await fireEvent.input(screen.getByTestId("onboarding-renewed"), {
      target: { value: "2026-02-01" },
    });
    await fireEvent.click(screen.getByTestId("onboarding-save"));
    await waitFor(() => expect(window.location.hash).toBe("#/notifications"));
    const names = calls.map(([c]) => c);
    expect(names).toContain("line_create");
    expect(names.indexOf("event_add")).toBeLessThan(names.indexOf("onboarding_finish"));
    const [logged] = argsOf<{ input: { occurredAt: string; kind: string } }>(calls, "event_add");
    // The chosen day at the prefilled time of day, in the user's zone.
    expect(new Date(logged!.input.occurredAt).getDate()).toBe(1);
    expect(logged!.input.kind).toBe("topup");
  });

  it("can be skipped, which the core records", async () => {
    const { calls } = backend({ onboarding_finish: () => makeSettings({ onboarding: false }) });
    render(OnboardingScreen);
    await fireEvent.click(await screen.findByTestId("onboarding-skip"));
    await waitFor(() => expect(calls.map(([c]) => c)).toContain("onboarding_finish"));
  });
});
