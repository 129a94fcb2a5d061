#!/usr/bin/env bash
# Type-checks and lints the Rust side of the phone builds (every `cfg(mobile)` line) without an
# Android NDK or Xcode: clippy -D warnings on baohao and baohao-core (and the alarms and share plugins with
# them) for Android and for iOS. Nothing here is a shippable build; no C code is linked.
# - Android: only bundled SQLite's C code needs a compiler for the target; Debian's clang with
#   arm64 glibc headers compiles it (for the check only).
# - iOS: the iOS SDK's headers are not available here, so C files (SQLite, objc2's exception
#   helper) are compiled as empty objects by a stub compiler: the Rust code is fully checked,
#   the C code is not (it is SQLite's and objc2's own, not Baohao's).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
work="$PWD/target/check-mobile"
mkdir -p "$work/sysroot/usr" "$work/ios"

check() {
  echo "==> clippy for $1"
  cargo clippy --locked --target "$1" -p baohao -p baohao-core \
    --features baohao/custom-protocol --all-targets -- -D warnings
}

[ -e "$work/sysroot/usr/include" ] || ln -s /usr/aarch64-linux-gnu/include "$work/sysroot/usr/include"
CC_aarch64_linux_android=clang AR_aarch64_linux_android=llvm-ar \
CFLAGS_aarch64_linux_android="--target=aarch64-linux-android24 --sysroot=$work/sysroot" \
  check aarch64-linux-android

cat > "$work/ios/cc" <<'STUB'
#!/bin/sh
# Check-only C compiler for iOS: preprocesses for real (cc-rs detects the compiler family that
# way) and writes an empty object where a compile was asked for.
out=""; prev=""
for a in "$@"; do
  [ "$prev" = "-o" ] && out="$a"
  case "$a" in -Fo*) out="${a#-Fo}" ;; esac
  prev="$a"
done
case " $* " in *" -E "*) exec clang --target=arm64-apple-ios14.0 "$@" ;; esac
[ -n "$out" ] || exit 0
exec clang --target=arm64-apple-ios14.0 -x c -c /dev/null -o "$out"
STUB
chmod +x "$work/ios/cc"
SDKROOT="$work/ios" CC_aarch64_apple_ios="$work/ios/cc" AR_aarch64_apple_ios=llvm-ar \
  check aarch64-apple-ios
echo "check-mobile: Android and iOS Rust code type-checks and lints clean"
