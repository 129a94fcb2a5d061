import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

async function start(): Promise<void> {
  // In a plain browser (vite dev, or a `--mode mock` build for screenshots) there is no Tauri IPC,
  // so a fake backend with sample data stands in. The condition is a compile-time constant in the
  // production build, so neither the branch nor the mock module is bundled there.
  if (import.meta.env.DEV || import.meta.env.MODE === "mock") {
    if (!("__TAURI_INTERNALS__" in window)) {
      const { installMockBackend } = await import("./lib/dev/mock");
      installMockBackend(new URLSearchParams(window.location.search));
    }
  }
  const target = document.getElementById("app");
  if (target) mount(App, { target });
}

void start();
