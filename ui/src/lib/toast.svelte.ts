export type ToastAction = { label: string; testId: string; run: () => void };
export type Toast = { id: number; text: string; action?: ToastAction };

let nextId = 1;
let items = $state<Toast[]>([]);

export const toasts = {
  get items(): Toast[] {
    return items;
  },
  /** Shows a toast; with an `action` (e.g. undo) it stays longer and carries a button. Toasts
   * never stack: a new one takes the place of the one showing. */
  show(text: string, ms?: number, action?: ToastAction): number {
    const id = nextId++;
    items = [action ? { id, text, action } : { id, text }];
    setTimeout(() => toasts.dismiss(id), ms ?? (action ? 6000 : 2500));
    return id;
  },
  /** Removes every toast (their text was translated when they were shown). */
  clear(): void {
    items = [];
  },
  dismiss(id: number): void {
    items = items.filter((toast) => toast.id !== id);
  },
};
