#!/bin/sh
# bench/run.sh — toyvoice next to the C references and Go peers.
#
#   bench/run.sh                   full run; prints the markdown tables
#   bench/run.sh --short           one round on tiny inputs (CI: proves it builds and runs, < 1 min)
#   bench/run.sh --out RESULTS.md  full run, written as bench/RESULTS.md (machine, tables, NOTES.md)
#   bench/run.sh --tables DIR      also keep the raw tables (and load) in DIR;
#   bench/run.sh --assemble DIR --out RESULTS.md   rebuild RESULTS.md from DIR and NOTES.md, no timing
#
# On a fresh Debian/Ubuntu machine it installs the C libraries' -dev
# packages with apt if they are missing (as root, or through sudo). It needs
# Go >= 1.25 for bench/opus (codec/opus needs 1.25); bench itself builds
# with Go 1.23. Extra arguments go to benchtab (e.g. --areas resample).
set -eu
cd "$(dirname "$0")"

short=""
out=""
extra=""
tables=""
assemble=""
while [ $# -gt 0 ]; do
	case "$1" in
	--short | -short) short="-short" ;;
	--out | -out) out="$2"; shift ;;
	--tables) tables="$2"; shift ;;
	--assemble) assemble="$2"; shift ;;
	*) extra="$extra $1" ;;
	esac
	shift
done

# C references: Debian packages, installed only if missing.
pkgs="gcc pkg-config libc6-dev libspandsp-dev libtiff-dev libspeexdsp-dev libsoxr-dev libsamplerate0-dev libebur128-dev libopus-dev"
missing=""
command -v dpkg-query >/dev/null || { pkgs=""; echo "run.sh: not Debian: install the C libraries' development files yourself (spandsp, speexdsp, soxr, samplerate, libebur128, opus)" >&2; }
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "run.sh: installing$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
command -v go >/dev/null || { echo "run.sh: Go (>= 1.25) is needed: https://go.dev/dl/" >&2; exit 1; }

export CGO_ENABLED=1
export GOWORK=off # bench's own go.mod and go.sum, workspace or not
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/benchtab" ./cmd/benchtab

if [ -n "$assemble" ]; then
	dir="$assemble"
else
	dir="${tables:-$tmp}"
	mkdir -p "$dir"
	(cd opus && go build -o "$tmp/opusbench" .)
	load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
	# shellcheck disable=SC2086
	"$tmp/benchtab" $short $extra >"$dir/main.md"
	# On a CPU with AVX-512, the resampler once more with its AVX-512 kernels
	# off: what a CPU with AVX2 alone gets (its own table, its own soxr rows).
	rm -f "$dir/avx2.md"
	want_avx2=1 # unless -areas leaves resample out
	case "$extra" in *-areas*) case "$extra" in *resample*) ;; *) want_avx2="" ;; esac ;; esac
	if [ -n "$want_avx2" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
		# shellcheck disable=SC2086
		GODEBUG=cpu.avx512f=off "$tmp/benchtab" $short $extra -areas resample-avx2 >"$dir/avx2.md"
	fi
	"$tmp/opusbench" $short >"$dir/opus.md"
	load1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
	echo "$load0 at the start, $load1 at the end" >"$dir/load.txt"
	date -u '+%Y-%m-%d %H:%M UTC' >"$dir/date.txt"
fi

avx2=""
[ -s "$dir/avx2.md" ] && avx2="$dir/avx2.md"
if [ -n "$out" ]; then
	# shellcheck disable=SC2086
	BENCH_LOAD="$(cat "$dir/load.txt")" BENCH_DATE="$(cat "$dir/date.txt")" \
		"$tmp/benchtab" -assemble -notes NOTES.md "$dir/main.md" $avx2 "$dir/opus.md" >"$out"
	echo "run.sh: wrote $out" >&2
else
	# shellcheck disable=SC2086
	cat "$dir/main.md" $avx2 "$dir/opus.md"
fi
