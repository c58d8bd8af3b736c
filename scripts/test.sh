#!/usr/bin/env bash
# toyvoice's whole test suite: what CI runs (.ci/run) and what a developer runs
# on a fresh Debian bookworm machine with Go at /usr/local/go.
#
#   ./scripts/test.sh                      # everything (installs what is missing first)
#   ./scripts/test.sh lint test            # only some sections, in the order given
#   ./scripts/test.sh --no-install cross   # skip the install step
#   FUZZTIME=30s ./scripts/test.sh fuzz    # longer fuzz runs
#
# Sections: install lint test fuzz cross tinygo cli bench
#   install  scripts/install-deps.sh (apt only when something is missing; wazero; TinyGo
#            via ../shared/tools/tinygo-setup.sh)
#   lint     gofmt -l; go vet and go mod tidy -diff for every module; go vet of the root module for
#            linux/arm, linux/arm64, linux/mips, js/wasm, wasip1/wasm
#   test     TOYVOICE_REQUIRE_TOOLS=1 go test -tags cref ./..., then the same with -race -short,
#            in every module
#   fuzz     every func FuzzXxx in the tree for $FUZZTIME each (a run that stops only on
#            Go's -fuzztime deadline race, go.dev/issue/75804, is run once more)
#   cross    root module's core packages: qemu arm (GOARM=5), arm64, mips (softfloat,
#            big-endian), js/wasm under node, wasip1/wasm under wazero
#   tinygo   tinygo test of the core packages on cortex-m-qemu and wasip1
#   cli      go run ./cmd/toyvoice demo
#   bench    bench/run.sh --short, when bench/ has one
#
# Every section runs even when an earlier one failed; the script ends with a
# summary (time per section, failed steps and the packages they named) and
# exits 1 if any step failed.
set -euo pipefail

# Core packages (directories under the root module, each taken with /...) for the
# TinyGo step; those that do not exist yet are left out.
TINYGO_DIRS="codec container resample vad dsp envelope"
TINYGO_TARGET_NAMES="cortex-m-qemu wasip1"
TINYGO_PREFIX=${TINYGO_PREFIX:-/opt/tinygo-0.33}
TINYGO_TIMEOUT=${TINYGO_TIMEOUT:-600}   # seconds per package and target (a hung emulator)
# Root-module packages left out of the cross-target matrix (cgo, exec-only helpers).
CROSS_EXCLUDE=${CROSS_EXCLUDE:-'/internal/cref$|/internal/testutil/tools$|/cmd/|/examples/|/bench/'}
CROSS_TIMEOUT=${CROSS_TIMEOUT:-10m}     # go test -timeout per package under emulation
FUZZTIME=${FUZZTIME:-5s}
ALL_SECTIONS="install lint test fuzz cross tinygo cli bench"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=lib/common.sh
source "$ROOT/scripts/lib/common.sh"

install=1
sections=()
for a in "$@"; do
  case $a in
    --no-install) install=0 ;;
    --fuzztime=*) FUZZTIME=${a#*=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "test.sh: unknown flag $a (see --help)" >&2; exit 2 ;;
    *)
      if [[ " $ALL_SECTIONS " != *" $a "* ]]; then
        echo "test.sh: unknown section $a (sections: $ALL_SECTIONS)" >&2; exit 2
      fi
      sections+=("$a") ;;
  esac
done
if ((${#sections[@]} == 0)); then
  read -r -a sections <<<"$ALL_SECTIONS"
fi
if ((!install)); then
  for i in "${!sections[@]}"; do [[ ${sections[$i]} == install ]] && unset 'sections[i]'; done
fi

export TV_RESULTS
TV_RESULTS=$(mktemp "${TMPDIR:-/tmp}/tv-results.XXXXXX")
: >"$TV_RESULTS.pkgs"
trap 'rm -f "$TV_RESULTS" "$TV_RESULTS.pkgs"' EXIT
# Go honours go.mod's go line: a nested module that needs a newer Go than the
# host's is built with that toolchain (fetched through the module proxy).
export GOTOOLCHAIN=${GOTOOLCHAIN:-auto}
export DEBIAN_FRONTEND=noninteractive
GOBIN_DIR=$(go env GOBIN)
[[ -n $GOBIN_DIR ]] || GOBIN_DIR=$(go env GOPATH)/bin
export PATH=$GOBIN_DIR:$PATH

# ---------------------------------------------------------------------------
section_install() {
  tv_step "install-deps" bash scripts/install-deps.sh
}

# ---------------------------------------------------------------------------
section_lint() {
  local m
  gofmt_check() {
    local out
    out=$(find . \( -name testdata -o -name vendor -o -name node_modules -o -name '.?*' \) -prune \
      -o -name '*.go' -type f -print0 | xargs -0 -r gofmt -l)
    if [[ -n $out ]]; then
      echo "gofmt -l: these files need gofmt -w:"; echo "$out"; return 1
    fi
    echo "gofmt -l: all files formatted"
  }
  tv_step "gofmt" gofmt_check
  for m in "${MODULES[@]}"; do
    tv_step "go vet $m (GOWORK=$(tv_gowork "$m"))" tv_in_module "$m" go vet ./...
  done
  # Each module must build on its own (go get users, TinyGo): go.mod/go.sum tidy without go.work.
  for m in "${MODULES[@]}"; do
    tv_step "go mod tidy -diff $m (GOWORK=off)" bash -c 'cd "$1" && GOWORK=off go mod tidy -diff' _ "$m"
  done
  tv_step "go vet -tags cref . (root module)" go vet -tags cref ./...
  local t
  for t in linux/arm linux/arm64 linux/mips js/wasm wasip1/wasm; do
    tv_step "go vet $t (root module)" env GOOS="${t%/*}" GOARCH="${t#*/}" go vet ./...
  done
}

# ---------------------------------------------------------------------------
# Two passes per module: every test at full length with the C and tool
# cross-checks required (-tags cref), then the race detector over the -short
# suite (the long numeric conformance runs add nothing under -race but time).
section_test() {
  local m
  for m in "${MODULES[@]}"; do
    tv_step "go test -tags cref $m (GOWORK=$(tv_gowork "$m"))" \
      tv_in_module "$m" env TOYVOICE_REQUIRE_TOOLS=1 CGO_ENABLED=1 go test -tags cref ./...
    tv_step "go test -race -short -tags cref $m (GOWORK=$(tv_gowork "$m"))" \
      tv_in_module "$m" env TOYVOICE_REQUIRE_TOOLS=1 CGO_ENABLED=1 go test -race -short -tags cref ./...
  done
}

# ---------------------------------------------------------------------------
# fuzz_targets: prints "moduledir<TAB>./pkgdir<TAB>FuzzName" for every fuzz target.
fuzz_targets() {
  local f d m rel n
  find . \( -name testdata -o -name vendor -o -name node_modules -o -name '.?*' \) -prune \
    -o -name '*_test.go' -type f -print | sort | while read -r f; do
    grep -qE '^func Fuzz[A-Za-z0-9_]*\(' "$f" || continue
    d=$(dirname "$f")
    m=$d
    while [[ ! -f $m/go.mod && $m != . ]]; do m=$(dirname "$m"); done
    rel=./${d#"$m"}; rel=${rel/#.\/\//./}; [[ $rel == ./ ]] && rel=.
    grep -oE '^func Fuzz[A-Za-z0-9_]*\(' "$f" | sed 's/^func //; s/($//' | while read -r n; do
      printf '%s\t%s\t%s\n' "$m" "$rel" "$n"
    done
  done
}

section_fuzz() {
  local targets m rel n count
  targets=$(fuzz_targets)
  count=$(printf '%s' "$targets" | grep -c . || true)
  echo "fuzz: $count targets, $FUZZTIME each"
  printf '%s\n' "$targets" | sed '/^$/d; s/^/  /'
  if ((count == 0)); then tv_skip "fuzz" "no func Fuzz targets in the tree"; return 0; fi
  while IFS=$'\t' read -r m rel n; do
    [[ -n $n ]] || continue
    tv_step "fuzz $n ($m ${rel})" tv_in_module "$m" fuzz_one "$n" "$rel"
  done <<<"$targets"
}

# fuzz_one NAME ./PKG: go test -fuzz for one target, for $FUZZTIME.
# Go before 1.27 can end a run bounded by a duration with a bare "context deadline
# exceeded" when the deadline races a worker (go.dev/issue/75804, fixed in Go 1.27):
# no input failed and none was written to testdata/fuzz. Only that exact failure is
# run once more; a failing input, a panic or any other error fails the step.
fuzz_one() {
  local n=$1 rel=$2 log rc
  log=$(mktemp "${TMPDIR:-/tmp}/tv-fuzz.XXXXXX")
  rc=0
  go test -run='^$' -fuzz="^${n}\$" -fuzztime="$FUZZTIME" "$rel" >"$log" 2>&1 || rc=$?
  if ((rc != 0)) && fuzz_deadline_race "$n" "$log"; then
    # Indented so that the step's summary does not count this run's "FAIL pkg" line.
    sed 's/^/  | /' "$log"
    echo "fuzz: $n stopped on Go's -fuzztime deadline race (go.dev/issue/75804) with no failing input; running it once more"
    rc=0
    go test -run='^$' -fuzz="^${n}\$" -fuzztime="$FUZZTIME" "$rel" >"$log" 2>&1 || rc=$?
  fi
  cat "$log"
  rm -f "$log"
  return "$rc"
}

# fuzz_deadline_race NAME LOG: true when LOG's only failure is the bare deadline race:
# "--- FAIL: NAME" followed by nothing but "context deadline exceeded", and no input
# written, minimised or reported as failing.
fuzz_deadline_race() {
  local n=$1 log=$2
  grep -qE 'Failing input written|failing input|minimizing|panic:|DATA RACE|test timed out' "$log" && return 1
  awk -v n="$n" '
    $0 ~ "^--- FAIL: " n " " { inside = 1; fails++; next }
    inside && /^[[:space:]]+context deadline exceeded$/ { deadline++; next }
    inside && /^(FAIL|exit status [0-9]+)$/ { inside = 0; next }
    inside && /^FAIL[[:space:]]/ { inside = 0; next }
    inside { other++ }
    /^--- FAIL: / && $0 !~ "^--- FAIL: " n " " { other++ }
    END { exit !(fails == 1 && deadline == 1 && other == 0) }' "$log"
}

# ---------------------------------------------------------------------------
# cross_pkgs GOOS GOARCH: root-module packages with tests for that target, less CROSS_EXCLUDE.
cross_pkgs() {
  env GOOS="$1" GOARCH="$2" go list -e -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./... |
    sed '/^$/d' | grep -vE "$CROSS_EXCLUDE" || true
}

section_cross() {
  local goroot wasmdir spec name envs exe need pkgs
  goroot=$(go env GOROOT)
  wasmdir=$goroot/lib/wasm
  [[ -d $wasmdir ]] || wasmdir=$goroot/misc/wasm   # Go < 1.24
  # name | environment | -exec program
  local specs=(
    "linux/arm GOARM=5|GOOS=linux GOARCH=arm GOARM=5|qemu-arm"
    "linux/arm64|GOOS=linux GOARCH=arm64|qemu-aarch64"
    "linux/mips softfloat (big-endian)|GOOS=linux GOARCH=mips GOMIPS=softfloat|qemu-mips"
    "js/wasm (node)|GOOS=js GOARCH=wasm|$wasmdir/go_js_wasm_exec"
    "wasip1/wasm (wazero)|GOOS=wasip1 GOARCH=wasm GOWASIRUNTIME=wazero|$wasmdir/go_wasip1_wasm_exec"
  )
  for spec in "${specs[@]}"; do
    IFS='|' read -r name envs exe <<<"$spec"
    need=${exe##*/}
    case $need in go_js_wasm_exec) need=node ;; go_wasip1_wasm_exec) need=wazero ;; esac
    if ! command -v "$need" >/dev/null 2>&1 || ! command -v "$exe" >/dev/null 2>&1; then
      tv_record FAIL "$name" 0 "$need or $exe not found"
      echo "---- [cross] $name: FAIL: $need / $exe not found (scripts/install-deps.sh installs it)"
      continue
    fi
    # shellcheck disable=SC2086
    pkgs=$(cross_pkgs $(printf '%s\n' $envs | sed -n 's/^GOOS=//p') $(printf '%s\n' $envs | sed -n 's/^GOARCH=//p'))
    if [[ -z $pkgs ]]; then tv_skip "$name" "no packages with tests"; continue; fi
    echo "---- [cross] $name: $(wc -w <<<"$pkgs") packages under $exe:"
    printf '  %s\n' $pkgs
    # shellcheck disable=SC2086
    tv_step "$name" env $envs CGO_ENABLED=0 go test -short -timeout="$CROSS_TIMEOUT" -exec="$exe" $pkgs
  done
}

# ---------------------------------------------------------------------------
tinygo_env() {
  # Prints what to source for TinyGo, or nothing when tinygo is on PATH as is.
  if [[ -f $TINYGO_PREFIX/env.sh ]]; then echo "$TINYGO_PREFIX/env.sh"; fi
}

# tinygo_test TARGET PKGDIR: one tinygo test run in a subshell with TinyGo's env
# (its Go 1.23 first on PATH, GOWORK=off since go.work needs the host toolchain).
tinygo_test() {
  local target=$1 pkg=$2 envsh
  envsh=$(tinygo_env)
  (
    [[ -z $envsh ]] || source "$envsh"
    local t=$target
    [[ -n ${TINYGO_TARGETS:-} && -f $TINYGO_TARGETS/$target.json ]] && t=$TINYGO_TARGETS/$target.json
    # shellcheck disable=SC2046
    GOWORK=off timeout "$TINYGO_TIMEOUT" tinygo test -short $(tinygo_extra_flags "$target" "$pkg") -target="$t" "$pkg"
  )
}

# tinygo_extra_flags TARGET PKG: flags a package needs on a target. envelope's
# Open (X25519 + Ed25519 verify) needs an 8 KB goroutine stack on cortex-m; with
# the stack8k tag its full open tests run there (see envelope/vectors_open_test.go).
tinygo_extra_flags() {
  case "$1 $2" in
    "cortex-m-qemu "*/envelope) echo "-stack-size=8KB -tags=stack8k" ;;
  esac
}

section_tinygo() {
  local envsh patterns=() d pkgs target p
  envsh=$(tinygo_env)
  if [[ -z $envsh ]] && ! command -v tinygo >/dev/null 2>&1; then
    tv_skip "tinygo" "tinygo is not on PATH, $TINYGO_PREFIX/env.sh is missing and ../shared/tools/tinygo-setup.sh was not there to install it"
    return 0
  fi
  for d in $TINYGO_DIRS; do [[ -d $d ]] && patterns+=("./$d/..."); done
  if ((${#patterns[@]} == 0)); then tv_skip "tinygo" "none of the core dirs exist: $TINYGO_DIRS"; return 0; fi
  # TinyGo builds the root module alone (GOWORK=off), so its go.mod must be complete.
  local rc=0
  pkgs=$(
    [[ -z $envsh ]] || source "$envsh"
    GOWORK=off go list -e -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' "${patterns[@]}"
  ) || rc=$?
  pkgs=$(sed '/^$/d' <<<"$pkgs")
  if ((rc != 0)); then
    echo "---- [tinygo] FAIL: GOWORK=off go list ${patterns[*]} failed (exit $rc), see above;" \
      "TinyGo builds the root module without go.work, so its go.mod must be tidy"
    tv_record FAIL "tinygo: GOWORK=off go list" 0 "root go.mod incomplete without go.work (exit $rc)"
    return 0
  fi
  (
    [[ -z $envsh ]] || source "$envsh"
    echo "tinygo: $(tinygo version) ($(command -v tinygo)); targets: $TINYGO_TARGET_NAMES"
  )
  echo "tinygo: packages with tests under ${patterns[*]}:"
  printf '  %s\n' $pkgs
  if [[ -z $pkgs ]]; then tv_skip "tinygo" "no packages with tests under ${patterns[*]}"; return 0; fi
  for target in $TINYGO_TARGET_NAMES; do
    for p in $pkgs; do
      tv_step "tinygo $target $p" tinygo_test "$target" "$p"
    done
  done
  # The firmware example (its own module) opens and plays a sealed message on
  # the microcontroller target.
  if [[ -d examples/firmware ]]; then
    tv_step "tinygo cortex-m-qemu examples/firmware" tinygo_example_firmware
  fi
}

tinygo_example_firmware() {
  local envsh
  envsh=$(tinygo_env)
  (
    [[ -z $envsh ]] || source "$envsh"
    local t=cortex-m-qemu
    [[ -n ${TINYGO_TARGETS:-} && -f $TINYGO_TARGETS/$t.json ]] && t=$TINYGO_TARGETS/$t.json
    cd examples/firmware
    GOWORK=off timeout "$TINYGO_TIMEOUT" tinygo test -short -stack-size=8KB -target="$t" .
  )
}

# ---------------------------------------------------------------------------
section_cli() {
  if [[ ! -d cmd/toyvoice ]]; then tv_skip "toyvoice demo" "no cmd/toyvoice"; return 0; fi
  # Its tests ran in the test section (a module of its own); this is the smoke run.
  tv_step "go run ./cmd/toyvoice demo" go run ./cmd/toyvoice demo
}

# ---------------------------------------------------------------------------
section_bench() {
  if [[ ! -f bench/run.sh ]]; then tv_skip "bench" "no bench/run.sh yet"; return 0; fi
  if ! grep -q -- '--short' bench/run.sh; then tv_skip "bench" "bench/run.sh has no --short mode"; return 0; fi
  if [[ -x bench/run.sh ]]; then
    tv_step "bench/run.sh --short" ./bench/run.sh --short
  else
    tv_step "bench/run.sh --short" sh bench/run.sh --short
  fi
}

# ---------------------------------------------------------------------------
mapfile -t MODULES < <(tv_modules)
TV_WORKSPACE_DIRS=$(tv_workspace_dirs)
export TV_WORKSPACE_DIRS

echo "toyvoice test suite: $(go version); $(nproc) cores; CI=${CI:-}"
echo "root: $ROOT"
echo "modules: ${MODULES[*]} (in go.work: $(for m in "${MODULES[@]}"; do [[ $(tv_gowork "$m") == on ]] && printf '%s ' "$m"; done))"
echo "sections: ${sections[*]}"

declare -A SECTION_TIME
t_all=$(tv_now)
for s in "${sections[@]}"; do
  tv_section "$s"
  t0=$(tv_now)
  set +e
  (
    set -e
    TV_SECTION=$s
    "section_$s"
  )
  rc=$?
  set -e
  if ((rc != 0)); then
    echo "---- [$s] section aborted (exit $rc)"
    TV_SECTION=$s tv_record FAIL "section aborted" 0 "exit $rc"
  fi
  SECTION_TIME[$s]=$(($(tv_now) - t0))
  echo "#### $s: ${SECTION_TIME[$s]}s"
done
t_all=$(($(tv_now) - t_all))

# ---------------------------------------------------------------------------
tv_section "summary"
printf '%-8s %6s %6s %6s %6s\n' section seconds passed failed skipped
for s in "${sections[@]}"; do
  printf '%-8s %6s %6s %6s %6s\n' "$s" "${SECTION_TIME[$s]}" \
    "$(awk -F'\t' -v s="$s" '$2==s && $1=="PASS"' "$TV_RESULTS" | wc -l)" \
    "$(awk -F'\t' -v s="$s" '$2==s && $1=="FAIL"' "$TV_RESULTS" | wc -l)" \
    "$(awk -F'\t' -v s="$s" '$2==s && $1=="SKIP"' "$TV_RESULTS" | wc -l)"
done
printf '%-8s %6s\n' total "$t_all"
if ((t_all > 1800)); then
  echo "WARNING: the suite took ${t_all}s, over its 30-minute goal (CI stops at 90 minutes)"
fi
if [[ -s $TV_RESULTS.pkgs ]]; then
  echo
  echo "slowest package runs (seconds as go test / tinygo test reported them):"
  # awk, not head, takes the first 12: head would close the pipe early and,
  # under pipefail, sort's SIGPIPE would end the script before its RESULT line.
  sort -t$'\t' -k1,1nr "$TV_RESULTS.pkgs" |
    awk -F'\t' 'NR <= 12 { printf "  %8.1fs %-4s [%s] %s: %s\n", $1, $2, $3, $4, $5 }'
fi
npass=$(grep -c '^PASS' "$TV_RESULTS" || true)
nfail=$(grep -c '^FAIL' "$TV_RESULTS" || true)
nskip=$(grep -c '^SKIP' "$TV_RESULTS" || true)
if ((nskip)); then
  echo
  echo "skipped:"
  awk -F'\t' '$1=="SKIP" { printf "  [%s] %s: %s\n", $2, $3, $5 }' "$TV_RESULTS"
fi
echo
if ((nfail)); then
  echo "failed:"
  awk -F'\t' '$1=="FAIL" { printf "  FAIL [%s] %s (%ss): %s\n", $2, $3, $4, $5 }' "$TV_RESULTS"
  echo
  echo "RESULT: FAIL ($nfail of $((npass + nfail)) steps failed, ${t_all}s)"
else
  echo "RESULT: PASS (all $npass steps passed, ${t_all}s)"
fi
echo "steps: $npass passed, $nfail failed, $nskip skipped"
((nfail == 0))
