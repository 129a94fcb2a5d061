import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import AppHeader from "../../components/AppHeader.svelte";
import { router } from "../../lib/router.svelte";
import { resetApp } from "../../test/helpers";

beforeEach(resetApp);
afterEach(resetApp);

describe("planning views in the header menu", () => {
  it("offers renewal days, the forecast and the calendar, marking the current one", async () => {
    router.navigate("#/forecast");
    render(AppHeader);
    await fireEvent.click(screen.getByTestId("header-menu"));
    expect(screen.getByTestId("menu-renewal-days")).toHaveAttribute("href", "#/renewal-days");
    expect(screen.getByTestId("menu-forecast")).toHaveAttribute("href", "#/forecast");
    expect(screen.getByTestId("menu-calendar")).toHaveAttribute("href", "#/calendar");
    expect(screen.getByTestId("menu-forecast")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("menu-calendar")).not.toHaveAttribute("aria-current");
    expect(screen.getByTestId("menu-renewal-days")).toHaveTextContent("Renewal days");
  });
});
