#!/usr/bin/env bash
# npm run bench:ssh — the ssh driver next to the physical floor, Capistrano, shipit and pm2 deploy,
# on the same loopback sshd hosts, with the peers' own harness (../shared/peers, copied under
# $WAKA_BENCH_ROOT at run time: never into this repository). Prints one markdown table.
#
#   RUNS=5                       timed runs per cell (median reported)
#   HOST_COUNTS="1 4"
#   BENCH_TOOLS="floor capistrano shipit pm2 waka waka-server"   what to measure (default: all)
#   PEERS_SOURCE=<repository>/../shared/peers   the peers' harness
#   WAKA_BENCH_ROOT=/tmp/waka-bench    all state: hosts, keys, caches, results (removed by hand)
#
# Needs Debian 12, root and apt-get (the harness installs openssh-server, hyperfine, rsync, git and
# Capistrano; shipit and pm2 go into a cache under WAKA_BENCH_ROOT). Takes ~30 minutes with RUNS=5.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$REPO/bench/ssh"
export WAKA_BENCH_ROOT="${WAKA_BENCH_ROOT:-/tmp/waka-bench}"
PEERS_SOURCE="${PEERS_SOURCE:-$REPO/../shared/peers}"
TOOLS="${BENCH_TOOLS:-floor capistrano shipit pm2 waka waka-server}"
export RUNS="${RUNS:-5}" HOST_COUNTS="${HOST_COUNTS:-1 4}"
export PEERBENCH_ROOT="$WAKA_BENCH_ROOT/pb"
export PEERBENCH_RESULTS="$WAKA_BENCH_ROOT/results"
export PEERS_DIR_COPY="$WAKA_BENCH_ROOT/peers"

[ -d "$PEERS_SOURCE" ] || { echo "no peer harness at $PEERS_SOURCE (set PEERS_SOURCE)" >&2; exit 2; }
mkdir -p "$WAKA_BENCH_ROOT"
rm -rf "$PEERS_DIR_COPY" "$PEERBENCH_RESULTS"
cp -r "$PEERS_SOURCE" "$PEERS_DIR_COPY"
chmod -R u+w "$PEERS_DIR_COPY"
# their recorded passes would be pooled with ours by make-table.js
rm -rf "$PEERS_DIR_COPY/results"
mkdir -p "$PEERBENCH_RESULTS"

"$PEERS_DIR_COPY/setup-hosts.sh" start
trap '"$PEERS_DIR_COPY/setup-hosts.sh" stop' EXIT
"$PEERS_DIR_COPY/make-app.sh"
(cd "$REPO" && node scripts/build.mjs)

{
  echo "machine: $(nproc) vCPU, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
  echo "node $(node --version), $(/usr/sbin/sshd -V 2>&1 | head -1), $(tar --version | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$PEERBENCH_RESULTS/machine.txt"

for tool in $TOOLS; do
  case $tool in
    # bench-floor.sh's exit trap asks for a ControlMaster that its steps here never started, and
    # ends with ssh's 255 after every measurement is written: judge it by its results instead
    floor) FLOOR_STEPS="${FLOOR_STEPS:-tar_stream symlink_switch one_call_deploy delta_deploy}" "$PEERS_DIR_COPY/bench-floor.sh" ||
      [ -s "$PEERBENCH_RESULTS/floor.jsonl" ] || { echo "the floor benchmark wrote no results" >&2; exit 1; } ;;
    capistrano | shipit | pm2) "$PEERS_DIR_COPY/bench-$tool.sh" ;;
    waka) "$BENCH/bench-waka.sh" ;;
    waka-server) (cd "$REPO" && node --import tsx "$BENCH/server-bench.ts") ;;
    *) echo "unknown tool $tool" >&2; exit 2 ;;
  esac
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$PEERBENCH_RESULTS/machine.txt"
(cd "$REPO" && node --import tsx "$BENCH/table.ts") | tee "$PEERBENCH_RESULTS/table.md"
