import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "../lib/i18n/index.svelte";
import { router } from "../lib/router.svelte";
import { toasts } from "../lib/toast.svelte";
import {
  backend,
  commandError,
  CURRENCIES,
  makeLine,
  makeSummary,
  resetApp,
} from "../test/helpers";
import DetailScreen from "./DetailScreen.svelte";

beforeEach(resetApp);
afterEach(resetApp);

const line = makeLine({ notes: "keep alive", iccid: "8963012345678901234" });
const base = {
  line_get: () => makeSummary({ line }),
  event_list: () => [],
  currency_list: () => CURRENCIES,
};

describe("line detail", () => {
  it("shows the number and deletes only after confirming in the in-app dialog", async () => {
    const { calls } = backend({ ...base, line_delete: () => null });
    render(DetailScreen, { props: { id: line.id } });
    expect(await screen.findByTestId("detail-number")).toHaveTextContent("+63 912 345 6789");
    expect(screen.getByTestId("detail-label")).toHaveTextContent("Smart travel");

    await fireEvent.click(screen.getByTestId("delete-line"));
    expect(screen.getByRole("alertdialog")).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId("cancel-delete"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(calls.some(([cmd]) => cmd === "line_delete")).toBe(false);

    await fireEvent.click(screen.getByTestId("delete-line"));
    await fireEvent.click(screen.getByTestId("confirm-delete"));
    await waitFor(() => expect(router.route).toEqual({ name: "list" }));
    expect(calls.filter(([cmd]) => cmd === "line_delete")).toEqual([
      ["line_delete", { id: line.id }],
    ]);
  });

  it("archives and unarchives", async () => {
    const archived = { ...line, archivedAt: "2025-03-01T00:00:00Z" };
    const { calls } = backend({
      ...base,
      line_set_archived: (args) => (args.archived ? archived : line),
    });
    render(DetailScreen, { props: { id: line.id } });
    const button = await screen.findByTestId("archive-line");
    expect(button).toHaveTextContent("Archive");
    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveTextContent("Unarchive"));
    expect(calls.filter(([cmd]) => cmd === "line_set_archived").at(-1)).toEqual([
      "line_set_archived",
      { id: line.id, archived: true },
    ]);
  });

  it("copies the number and says so", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    setLocale("zh-CN");
    backend(base);
    render(DetailScreen, { props: { id: line.id } });
    await fireEvent.click(await screen.findByTestId("copy-number"));
    expect(writeText).toHaveBeenCalledWith("+639123456789");
    await waitFor(() => expect(toasts.items.map((t) => t.text)).toContain("号码已复制"));
  });

  it("shows a translated not-found message", async () => {
    setLocale("zh-CN");
    backend({
      ...base,
      line_get: () => {
        throw commandError("not_found", "id");
      },
    });
    render(DetailScreen, { props: { id: "missing" } });
    expect(await screen.findByTestId("detail-error")).toHaveTextContent("找不到这个号码");
  });
});
