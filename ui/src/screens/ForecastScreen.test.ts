import { render, screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtures } from "../test/fixtures";
import { backend, resetApp } from "../test/helpers";
import ForecastScreen from "./ForecastScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const amount = (minor: number | null) =>
  new RegExp(((minor ?? 0) / 100).toFixed(2).replace(".", "[.,]"));

describe("forecast", () => {
  it("shows the core's totals per currency, never added together", async () => {
    const forecast = fixtures.forecast();
    expect(forecast.totals.length).toBeGreaterThan(1);
    backend({ forecast_get: () => forecast });
    render(ForecastScreen);

    const totals = await screen.findAllByTestId("forecast-total");
    expect(totals).toHaveLength(forecast.totals.length);
    forecast.totals.forEach((money, i) => {
      expect(totals[i]!.textContent).toMatch(amount(money.minor));
    });
    expect(screen.getByTestId("forecast-actions")).toHaveTextContent(
      `${forecast.actions} renewals`,
    );
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("draws one chart per currency with a text equivalent per month", async () => {
    const forecast = fixtures.forecast();
    backend({ forecast_get: () => forecast });
    render(ForecastScreen);

    const charts = await screen.findAllByTestId("forecast-chart");
    expect(charts.map((c) => c.dataset.currency)).toEqual(forecast.totals.map((m) => m.currency));
    for (const chart of charts) {
      const img = within(chart).getByRole("img");
      expect(img).toHaveAccessibleName(`Expected cost per month in ${chart.dataset.currency}`);
      const bars = chart.querySelectorAll("[data-testid=forecast-bar]");
      const months = forecast.months.filter((m) =>
        m.totals.some((x) => x.currency === chart.dataset.currency && (x.minor ?? 0) > 0),
      );
      expect(bars).toHaveLength(months.length);
    }
    const rows = screen.getAllByTestId("forecast-month");
    expect(rows).toHaveLength(forecast.months.length);
    forecast.months.forEach((month, i) => {
      expect(rows[i]).toHaveTextContent(String(month.actions));
      for (const money of month.totals) expect(rows[i]!.textContent).toMatch(amount(money.minor));
    });
  });

  it("lists each line with its cost per year, opening the line", async () => {
    const forecast = fixtures.forecast();
    backend({ forecast_get: () => forecast });
    render(ForecastScreen);

    const lines = await screen.findAllByTestId("forecast-line");
    expect(lines.map((l) => l.dataset.lineId)).toEqual(forecast.lines.map((l) => l.lineId));
    forecast.lines.forEach((line, i) => {
      expect(lines[i]).toHaveAttribute("href", `#/line/${line.lineId}`);
      const year = within(lines[i]!).getByTestId("forecast-line-year");
      if (line.periodCost) {
        expect(year).toHaveTextContent("a year");
        expect(year.textContent).toMatch(amount(line.periodCost.minor));
      }
    });
  });

  it("says when there is nothing to forecast", async () => {
    backend({ forecast_get: () => fixtures.forecast("empty") });
    render(ForecastScreen);
    expect(await screen.findByTestId("forecast-empty")).toBeInTheDocument();
  });
});
