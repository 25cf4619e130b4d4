#!/usr/bin/env bash
# Startup time of the SQL shell: wall time of a whole fresh process, `./quiver sql -e "SELECT 1"`
# (the launcher script, the JVM and the first statement), run N times; prints each run and the
# median.
#
#   bench/startup.sh [-n RUNS] [-q PATH/TO/quiver] [-- SQL]
#
# Defaults: 11 runs, this checkout's ./quiver, SELECT 1. Runs in a scratch folder, so the
# default warehouse (./quiver-data) is a fresh empty one. One warm-up run comes first (not
# counted): it builds Quiver and its startup cache if they are missing or stale. Give -q another
# checkout's launcher to compare two versions; on a shared machine alternate them and compare
# medians.
set -euo pipefail

runs=11
quiver="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/quiver"
sql="SELECT 1"
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -q) quiver=$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2"); shift 2 ;;
    --) shift; sql="$*"; break ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "startup.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
[ "$runs" -ge 1 ] 2>/dev/null || { echo "startup.sh: -n needs a positive number" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/quiver-startup.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

if ! "$quiver" sql -e "$sql" >warmup.out 2>&1; then
  cat warmup.out >&2
  echo "startup.sh: the warm-up run failed" >&2
  exit 1
fi

times=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  "$quiver" sql -e "$sql" >/dev/null 2>&1
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  times+=("$ms")
  echo "run $i: $ms ms"
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }' <<<"$sorted")
echo "median of $runs runs: $median ms (min $(head -n 1 <<<"$sorted"), max $(tail -n 1 <<<"$sorted")) for: $quiver sql -e \"$sql\""
