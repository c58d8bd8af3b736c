#!/usr/bin/env bash
# Installs what the toyvoice test suite needs on a Debian (bookworm) machine
# with Go at /usr/local/go. Idempotent and fast when everything is present:
# apt runs only when a package is missing, go install only when a tool is
# missing or at another version, TinyGo setup is a no-op once installed.
#
#   scripts/install-deps.sh        # run by scripts/test.sh unless --no-install
#
# Debian packages: C references for the cref cross-checks (spandsp, speexdsp,
# soxr, libsamplerate, libebur128, libopus), the programs the *_tools_test.go
# cross-checks run (sox, ffmpeg, espeak-ng, opus-tools), qemu-user for the
# arm/arm64/mips matrix, nodejs for js/wasm, a C compiler for cgo and -race.
# Go tools: wazero (wasip1 runner), pinned. TinyGo 0.33: ../shared/tools/tinygo-setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(
  sox libsox-fmt-all ffmpeg espeak-ng opus-tools
  libspandsp-dev libspeexdsp-dev libsoxr-dev libsamplerate0-dev libebur128-dev libopus-dev
  qemu-user nodejs
  gcc libc6-dev pkg-config
)
WAZERO_VERSION=v1.12.0
TINYGO_PREFIX=${TINYGO_PREFIX:-/opt/tinygo-0.33}
TINYGO_SETUP=${TINYGO_SETUP:-../shared/tools/tinygo-setup.sh}

SUDO=
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=; fi
fi

# --- Debian packages --------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# python3 is needed by tinygo-setup.sh; any python3 on PATH will do.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
  echo "install-deps: Debian packages already installed (${#APT_PACKAGES[@]} checked)"
fi

# --- Go tools ---------------------------------------------------------------
GOBIN_DIR=$(go env GOBIN)
[[ -n $GOBIN_DIR ]] || GOBIN_DIR=$(go env GOPATH)/bin
if [[ -x $GOBIN_DIR/wazero ]] && "$GOBIN_DIR/wazero" version 2>/dev/null | grep -qx "$WAZERO_VERSION"; then
  echo "install-deps: wazero $WAZERO_VERSION already in $GOBIN_DIR"
else
  echo "install-deps: go install wazero@$WAZERO_VERSION -> $GOBIN_DIR"
  GOBIN=$GOBIN_DIR GOWORK=off go install "github.com/tetratelabs/wazero/cmd/wazero@$WAZERO_VERSION"
fi

# --- TinyGo -----------------------------------------------------------------
if [[ -f $TINYGO_PREFIX/env.sh ]]; then
  echo "install-deps: TinyGo already set up in $TINYGO_PREFIX"
elif command -v tinygo >/dev/null 2>&1; then
  echo "install-deps: using tinygo on PATH: $(command -v tinygo)"
elif [[ -f $TINYGO_SETUP ]]; then
  echo "install-deps: setting up TinyGo with $TINYGO_SETUP (a few minutes the first time)"
  TINYGO_PREFIX=$TINYGO_PREFIX bash "$TINYGO_SETUP" </dev/null
else
  echo "install-deps: NOTE: tinygo is not on PATH and $TINYGO_SETUP is missing: the TinyGo step will be skipped"
fi
