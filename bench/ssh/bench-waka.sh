#!/usr/bin/env bash
# The `waka` CLI (embedded mode: a fresh process per command, its own SQLite ledger) deploying with
# the ssh driver to the peers' hosts, timed by the peers' `measure` (lib.sh): hyperfine --runs 1,
# host state restored from snapshots between runs, current/VERSION checked on every host after each
# run, SSH connections and sessions counted from the sshd logs. The ledger is restored alongside the
# hosts, so each run sees the history a real second deploy or rollback would.
#   first_deploy  = waka deploy app <env> --release v1    (hosts empty)
#   second_deploy = waka deploy app <env> --release v2    (v1 live)
#   rollback      = waka rollback app <env>               (v1 then v2 deployed; back to v1)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
source "$PEERS_DIR_COPY/lib.sh"
require_hosts
require_app

T=waka
PROJECT="$PB/waka-project"
SNAPS="$PB/waka-ledgers"
rm -rf "$PROJECT" "$SNAPS"
mkdir -p "$PROJECT/src/v1" "$PROJECT/src/v2" "$SNAPS"
git -C "$REPO_WORK" archive v1 | tar -x -C "$PROJECT/src/v1"
git -C "$REPO_WORK" archive v2 | tar -x -C "$PROJECT/src/v2"
node "$REPO/bench/ssh/waka-config.mjs" "$PB" "$DEPLOY_MNT/$T" >"$PROJECT/waka.yml"
export WAKA_USER=bench WAKA_STATE_DIR="$PROJECT/.waka"
W="node $REPO/dist/waka.mjs"
(cd "$PROJECT" && $W release create app v1 --artifact src/v1 >/dev/null && $W release create app v2 --artifact src/v2 >/dev/null)
cp -a "$WAKA_STATE_DIR" "$SNAPS/empty"

ledger_snapshot() { rm -rf "$SNAPS/$1"; cp -a "$WAKA_STATE_DIR" "$SNAPS/$1"; }
ledger_restore() { rm -rf "$WAKA_STATE_DIR"; cp -a "$SNAPS/$1" "$WAKA_STATE_DIR"; }

rm -f "$RESULTS_DIR/$T.jsonl"
for h in $HOST_COUNTS; do
  if [ "$h" = 1 ]; then ENV=one; else ENV=four; fi
  measure $T first_deploy "$h" v1 "wipe $T; ledger_restore empty" "cd '$PROJECT' && $W deploy app $ENV --release v1"
  snapshot $T "$h" s1
  ledger_snapshot "$h-s1"
  measure $T second_deploy "$h" v2 "restore $T $h s1; ledger_restore $h-s1" "cd '$PROJECT' && $W deploy app $ENV --release v2"
  snapshot $T "$h" s2
  ledger_snapshot "$h-s2"
  measure $T rollback "$h" v1 "restore $T $h s2; ledger_restore $h-s2" "cd '$PROJECT' && $W rollback app $ENV"
  wipe $T
done
rm -rf "$SNAP_DIR"/$T-* "$SNAPS"
