import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import ConfirmDialog from "./ConfirmDialog.svelte";

let opener: HTMLButtonElement;

afterEach(() => opener?.remove());

describe("a modal holds focus (lib/focusTrap)", () => {
  it("cycles Tab inside, pulls stray focus back, closes on Escape and gives focus back", async () => {
    // jsdom lays nothing out; the trap skips controls without boxes (hidden ones).
    vi.spyOn(Element.prototype, "getClientRects").mockReturnValue([
      new DOMRect(0, 0, 44, 44),
    ] as unknown as DOMRectList);
    opener = document.createElement("button");
    opener.textContent = "Delete";
    document.body.append(opener);
    opener.focus();

    render(ConfirmDialog, {
      props: {
        open: true,
        title: "Delete this number?",
        body: "Its history goes too.",
        confirmLabel: "Delete",
        cancelLabel: "Cancel",
        onconfirm: () => undefined,
      },
    });
    const cancel = await screen.findByTestId("cancel-dialog");
    const confirm = screen.getByTestId("confirm");
    await waitFor(() => expect(document.activeElement).toBe(cancel));

    // Tab on the last control goes to the first, Shift+Tab on the first to the last.
    confirm.focus();
    await fireEvent.keyDown(confirm, { key: "Tab" });
    expect(document.activeElement).toBe(cancel);
    await fireEvent.keyDown(cancel, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);

    // Focus that lands behind the dialog is brought back into it.
    opener.focus();
    expect(screen.getByRole("alertdialog").contains(document.activeElement)).toBe(true);

    // Escape closes it, wherever focus is inside, and the opener has focus again.
    await fireEvent.keyDown(document.activeElement as Element, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(document.activeElement).toBe(opener);
  });
});
