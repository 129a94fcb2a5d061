#!/usr/bin/env bash
# Installs what building, running and testing Baohao needs, and only what is missing:
# Debian packages (WebKitGTK, Xvfb, D-Bus, dunst, Chromium for the browser tests, …), the UI's
# npm packages and tauri-driver.
# Safe to run again: it checks before it installs. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth dbus dbus-x11 dunst libnotify-bin imagemagick x11-utils
  fonts-noto-cjk fonts-noto-color-emoji procps bc chromium
  clang llvm libc6-dev-arm64-cross)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: Vite 8 needs Node.js 20.19 or newer." >&2
  exit 1
fi
if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# The phone targets `make check-mobile` type-checks against (the standard library only).
for t in aarch64-linux-android aarch64-apple-ios; do
  if ! rustup target list --installed 2>/dev/null | grep -qx "$t"; then
    echo "==> rustup target add $t"
    rustup target add "$t"
  fi
done

# The UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0 --quiet
fi
