// Focus held inside a modal (sheet or dialog): Tab and Shift+Tab cycle through its controls,
// focus that lands outside is brought back, Escape closes the topmost one, and when it closes
// focus returns to what opened it. One stack for the whole page, so a dialog over a sheet owns
// the keys until it closes.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type Trap = { panel: HTMLElement; onescape: () => void };
const stack: Trap[] = [];

// The last control that had focus: an opener that disabled itself while the modal loaded (a
// button that is busy) has lost focus to the page by the time the modal opens.
let lastFocused: HTMLElement | null = null;
if (typeof document !== "undefined")
  document.addEventListener("focusin", (event) => {
    if (
      event.target instanceof HTMLElement &&
      !stack.some((t) => t.panel.contains(event.target as Node))
    )
      lastFocused = event.target;
  });

/** The controls of `panel` that Tab can reach, in document order. */
export function focusables(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest("[inert]"),
  );
}

function top(): Trap | undefined {
  return stack[stack.length - 1];
}

function onKeydown(event: KeyboardEvent) {
  const trap = top();
  if (!trap) return;
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    trap.onescape();
    return;
  }
  if (event.key !== "Tab") return;
  const items = focusables(trap.panel);
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    trap.panel.focus();
    return;
  }
  const inside = active instanceof Node && trap.panel.contains(active);
  if (!inside || (event.shiftKey && (active === first || active === trap.panel))) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

function onFocusin(event: FocusEvent) {
  const trap = top();
  if (!trap || !(event.target instanceof Node) || trap.panel.contains(event.target)) return;
  (focusables(trap.panel)[0] ?? trap.panel).focus();
}

/** Holds focus in `panel` until the returned function is called, which also gives focus back to
 * what had it before. */
export function trapFocus(panel: HTMLElement, onescape: () => void): () => void {
  const active = document.activeElement;
  const opener =
    active instanceof HTMLElement && active !== document.body && !panel.contains(active)
      ? active
      : lastFocused;
  const trap = { panel, onescape };
  if (stack.length === 0) {
    document.addEventListener("keydown", onKeydown, true);
    document.addEventListener("focusin", onFocusin);
  }
  stack.push(trap);
  return () => {
    const at = stack.indexOf(trap);
    if (at >= 0) stack.splice(at, 1);
    if (stack.length === 0) {
      document.removeEventListener("keydown", onKeydown, true);
      document.removeEventListener("focusin", onFocusin);
    }
    if (opener?.isConnected) opener.focus();
  };
}
