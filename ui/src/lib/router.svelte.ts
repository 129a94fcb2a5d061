// A tiny hash router: `#/`, `#/new`, `#/line/<id>`, `#/line/<id>/edit`, `#/carriers`,
// `#/carriers/new`, `#/carriers/<id>`, `#/settings`, `#/notifications` (why Baohao asks for
// notification permission), `#/costs` (what keeping the numbers costs). The "needs action" view is the list with a filter (see store).
export type Route =
  | { name: "list" }
  | { name: "new" }
  | { name: "detail"; id: string }
  | { name: "edit"; id: string }
  | { name: "carriers" }
  | { name: "carrierNew" }
  | { name: "carrier"; id: string }
  | { name: "settings" }
  | { name: "notifications" }
  | { name: "costs" }
  | { name: "notFound"; path: string };

export function parse(hash: string): Route {
  const path = hash.replace(/^#/, "") || "/";
  if (path === "/" || path === "") return { name: "list" };
  if (path === "/new") return { name: "new" };
  if (path === "/carriers" || path === "/carriers/") return { name: "carriers" };
  if (path === "/carriers/new") return { name: "carrierNew" };
  if (path === "/settings" || path === "/settings/") return { name: "settings" };
  if (path === "/notifications" || path === "/notifications/") return { name: "notifications" };
  if (path === "/costs" || path === "/costs/") return { name: "costs" };
  const c = /^\/carriers\/([^/]+)\/?$/.exec(path);
  if (c && c[1]) return { name: "carrier", id: decodeURIComponent(c[1]) };
  const m = /^\/line\/([^/]+)(\/edit)?\/?$/.exec(path);
  if (m && m[1]) {
    const id = decodeURIComponent(m[1]);
    return m[2] ? { name: "edit", id } : { name: "detail", id };
  }
  return { name: "notFound", path };
}

export const paths = {
  list: () => "#/",
  add: () => "#/new",
  detail: (id: string) => `#/line/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/line/${encodeURIComponent(id)}/edit`,
  carriers: () => "#/carriers",
  carrierNew: () => "#/carriers/new",
  carrier: (id: string) => `#/carriers/${encodeURIComponent(id)}`,
  settings: () => "#/settings",
  notifications: () => "#/notifications",
  costs: () => "#/costs",
};

let current = $state<Route>(parse(globalThis.location?.hash ?? ""));

if (typeof window !== "undefined") {
  window.addEventListener("hashchange", () => {
    current = parse(window.location.hash);
  });
}

export const router = {
  get route(): Route {
    return current;
  },
  navigate(hash: string): void {
    current = parse(hash);
    if (window.location.hash !== hash) window.location.hash = hash;
  },
};
