export type Toast = { id: number; text: string };

let nextId = 1;
let items = $state<Toast[]>([]);

export const toasts = {
  get items(): Toast[] {
    return items;
  },
  show(text: string, ms = 2500): void {
    const id = nextId++;
    items = [...items, { id, text }];
    setTimeout(() => toasts.dismiss(id), ms);
  },
  dismiss(id: number): void {
    items = items.filter((toast) => toast.id !== id);
  },
};
