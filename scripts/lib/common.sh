# scripts/lib/common.sh: helpers for scripts/test.sh (sourced, not run).
#
# A "step" is one command. tv_step runs it with its output shown as it comes
# (go test's own ok/FAIL lines stay visible), copies the output to a log, and
# appends one line to $TV_RESULTS:  STATUS<TAB>section<TAB>step<TAB>seconds<TAB>detail
# where STATUS is PASS, FAIL or SKIP and detail lists the packages go test or
# tinygo test reported as FAIL. Steps never exit the script: the summary at
# the end says what failed.

TV_SECTION=${TV_SECTION:-setup}

tv_now() { date +%s; }

# tv_section NAME: prints a section header.
tv_section() {
  TV_SECTION=$1
  printf '\n################################################################\n'
  printf '#### %s\n' "$*"
  printf '################################################################\n'
}

# tv_record STATUS STEP SECONDS [DETAIL]
tv_record() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$TV_SECTION" "$2" "$3" "${4:-}" >>"$TV_RESULTS"
}

# tv_skip STEP REASON: records a skipped step and says why.
tv_skip() {
  printf -- '---- [%s] %s: SKIP: %s\n' "$TV_SECTION" "$1" "$2"
  tv_record SKIP "$1" 0 "$2"
}

# tv_step STEP CMD [ARGS...]: runs CMD and records PASS/FAIL. Returns 0 (so it is
# safe under set -e); CMD's status is left in TV_LAST_RC.
tv_step() {
  local name=$1 t0 rc=0 log dt detail counts
  shift
  log=$(mktemp "${TMPDIR:-/tmp}/tv-step.XXXXXX")
  printf -- '\n---- [%s] %s\n' "$TV_SECTION" "$name"
  printf '+'; printf ' %q' "$@"; printf '\n'
  t0=$(tv_now)
  "$@" 2>&1 | tee "$log" || rc=$?
  dt=$(( $(tv_now) - t0 ))
  # Packages go test / tinygo test reported: "ok  pkg", "FAIL pkg", "?  pkg [no test files]".
  counts=$(awk '
    /^ok[ \t]+[^ \t]/            { ok++ }
    /^FAIL[ \t]+[^ \t]/          { fail++ }
    /^\?[ \t]+[^ \t].*no test files/ { none++ }
    END { printf "%d ok, %d FAIL, %d without tests", ok, fail, none }' "$log")
  # Per-package times ("ok  pkg  12.3s") for the summary's slowest list.
  awk -v sec="$TV_SECTION" -v step="$name" '
    /^(ok|FAIL)[ \t]+[^ \t]+[ \t]+[0-9.]+s$/ { t = $3; sub(/s$/, "", t); printf "%s\t%s\t%s\t%s\t%s\n", t, $1, sec, step, $2 }' \
    "$log" >>"$TV_RESULTS.pkgs"
  detail=$(awk '/^FAIL[ \t]+[^ \t]/ { print $2 }' "$log" | sort -u | tr '\n' ' ')
  # go vet / build errors ("# pkg"), then files gofmt named.
  [[ -n $detail ]] || detail=$(awk '/^# [^[ ]/ { print $2 }' "$log" | sort -u | tr '\n' ' ')
  [[ -n $detail ]] || detail=$(grep -E '^\./.*\.go$' "$log" | sort -u | tr '\n' ' ' || true)
  detail=${detail% }
  if grep -qE '^(ok|FAIL|\?)[[:space:]]+[^[:space:]]' "$log"; then
    printf -- '---- [%s] %s: packages: %s\n' "$TV_SECTION" "$name" "$counts"
  fi
  if [[ $rc -eq 0 ]]; then
    printf -- '---- [%s] %s: PASS (%ss)\n' "$TV_SECTION" "$name" "$dt"
    tv_record PASS "$name" "$dt" "$counts"
  else
    printf -- '---- [%s] %s: FAIL (exit %s, %ss)%s\n' "$TV_SECTION" "$name" "$rc" "$dt" "${detail:+ packages: $detail}"
    tv_record FAIL "$name" "$dt" "${detail:-exit $rc}"
  fi
  rm -f "$log"
  TV_LAST_RC=$rc
  return 0
}

# tv_modules: prints the directory (relative, ./x) of every Go module in the
# tree, root first, skipping testdata, vendor, node_modules and hidden dirs.
tv_modules() {
  find . \( -name testdata -o -name vendor -o -name node_modules -o -name '.?*' \) -prune \
    -o -name go.mod -type f -print | sed 's|/go.mod$||' | sort
}

# tv_workspace_dirs: absolute directories of the modules listed in go.work
# (empty when there is no go.work).
tv_workspace_dirs() {
  [[ -f go.work ]] || return 0
  go work edit -json | awk -F'"' '/"DiskPath"/ { print $4 }' | while read -r d; do
    (cd "$d" 2>/dev/null && pwd -P)
  done
}

# tv_gowork DIR: prints "on" when module DIR is in go.work, "off" otherwise.
tv_gowork() {
  local abs
  abs=$(cd "$1" && pwd -P)
  if printf '%s\n' "${TV_WORKSPACE_DIRS:-}" | grep -qxF "$abs"; then echo on; else echo off; fi
}

# tv_in_module DIR CMD...: runs CMD in module DIR, with GOWORK=off unless the
# module is part of go.work.
tv_in_module() {
  local dir=$1
  shift
  if [[ $(tv_gowork "$dir") == on ]]; then
    (cd "$dir" && "$@")
  else
    (cd "$dir" && GOWORK=off "$@")
  fi
}
