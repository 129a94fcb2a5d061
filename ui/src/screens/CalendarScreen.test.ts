import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtures } from "../test/fixtures";
import { argsOf, backend, commandError, resetApp } from "../test/helpers";
import { weekStartOf } from "../lib/format";
import CalendarScreen from "./CalendarScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

type Range = { range: { year: number; month: number; months: number; weekStart: string } };

function calendarBackend() {
  return backend({
    renewal_days_get: () => fixtures.renewalPlan(),
    agenda_get: (args) => fixtures.agenda((args as Range).range.month),
  });
}

describe("calendar", () => {
  it("opens on the core's month, its entries listed by day with today marked", async () => {
    const plan = fixtures.renewalPlan();
    const agenda = fixtures.agenda(3);
    const { calls } = calendarBackend();
    render(CalendarScreen);

    const days = await screen.findAllByTestId("agenda-day");
    expect(argsOf<Range>(calls, "agenda_get")).toEqual([
      // The week starts where the system locale starts it.
      { range: { year: 2026, month: 3, months: 1, weekStart: weekStartOf() } },
    ]);
    expect(screen.getByTestId("calendar-month")).toHaveTextContent("March 2026");
    expect(days.map((d) => d.dataset.date)).toEqual(agenda.days.map((d) => d.date));
    const entries = screen.getAllByTestId("agenda-entry");
    expect(entries).toHaveLength(agenda.items.length);
    expect(entries.map((e) => e.dataset.kind)).toEqual(
      agenda.days.flatMap((d) => d.items.map((i) => agenda.items[i]!.kind.type)),
    );
    const first = agenda.items[agenda.days[0]!.items[0]!]!;
    expect(entries[0]).toHaveAttribute("href", `#/line/${first.lineId}`);
    expect(entries[0]).toHaveTextContent(first.label);
    const today = days.find((d) => d.dataset.date === plan.today);
    if (today) expect(today).toHaveTextContent("Today");
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("shows the month grid with today and the day's entries", async () => {
    const plan = fixtures.renewalPlan();
    const agenda = fixtures.agenda(3);
    calendarBackend();
    render(CalendarScreen);
    await screen.findAllByTestId("agenda-day");

    await fireEvent.click(screen.getByTestId("calendar-view-month"));
    const grid = await screen.findByTestId("calendar-grid");
    expect(grid.querySelector("td[aria-current=date]")).toHaveTextContent(
      String(Number(plan.today.slice(8))),
    );
    const buttons = within(grid).getAllByTestId("calendar-day");
    expect(buttons.map((b) => b.dataset.date)).toEqual(
      agenda.days.map((d) => d.date).filter((d) => d.startsWith("2026-03")),
    );
    const pick = agenda.days[agenda.days.length - 1]!;
    await fireEvent.click(buttons[buttons.length - 1]!);
    const selected = screen.getByTestId("calendar-selected");
    expect(within(selected).getAllByTestId("agenda-entry")).toHaveLength(pick.items.length);
    expect(buttons[buttons.length - 1]).toHaveAttribute("aria-pressed", "true");
  });

  it("pages to the next month and back to today", async () => {
    const { calls } = calendarBackend();
    render(CalendarScreen);
    await screen.findAllByTestId("agenda-day");
    await fireEvent.click(screen.getByTestId("calendar-next"));
    await screen.findByText("April 2026");
    const april = fixtures.agenda(4);
    if (april.days.length > 0)
      await screen
        .findAllByTestId("agenda-day")
        .then((d) => expect(d.map((x) => x.dataset.date)).toEqual(april.days.map((x) => x.date)));
    await fireEvent.click(screen.getByTestId("calendar-today"));
    await screen.findByText("March 2026");
    expect(argsOf<Range>(calls, "agenda_get").map((a) => a.range.month)).toEqual([3, 4, 3]);
  });

  it("shows the core's error when a month cannot be read", async () => {
    backend({
      renewal_days_get: () => fixtures.renewalPlan(),
      agenda_get: (args) => {
        if ((args as Range).range.month === 4) throw commandError("out_of_range", "query");
        return fixtures.agenda((args as Range).range.month);
      },
    });
    render(CalendarScreen);
    await screen.findAllByTestId("agenda-day");
    await fireEvent.click(screen.getByTestId("calendar-next"));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });
});
