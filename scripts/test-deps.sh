#!/usr/bin/env bash
# What the tests need that is not an npm package, in one list: checks it, installs what is missing
# (Debian/Ubuntu, as root or through passwordless sudo, no prompts) and starts the PostgreSQL server
# the store tests use. Idempotent: when everything is there it only checks, in well under a second.
# Without root or apt it installs nothing and stops with the list and the command that would.
# `npm test` runs it first (the `pretest` script); `.ci/run` runs it too.
set -euo pipefail

# package → the file that shows it is installed, and why the tests need it
packages=(
  "chromium:/usr/bin/chromium"             # the dashboard's browser tests (playwright-core drives Debian's chromium)
  "openssh-server:/usr/sbin/sshd"          # the ssh driver's tests start their own sshd on 127.0.0.1
  "openssh-client:/usr/bin/ssh-keygen"     # ... and make their host and client keys
  "openssl:/usr/bin/openssl"               # the ssh driver's remote script verifies with it when present
  "postgresql:/usr/bin/pg_lsclusters"      # the PostgreSQL store, contract and replica tests
  "podman:/usr/bin/podman"                 # the container driver's tests run their images with it
  "runc:/usr/sbin/runc"                    # ... as its runtime (crun refuses hybrid cgroups)
  "skopeo:/usr/bin/skopeo"                 # ... and push the images they build to their registry
  "docker-registry:/usr/bin/docker-registry" # the registry those tests start on 127.0.0.1
  "busybox-static:/bin/busybox"            # the tiny images those tests build (busybox httpd)
)
# the PostgreSQL server those tests use (WAKA_TEST_PG_URL points them elsewhere, and then this
# script leaves PostgreSQL alone)
PG_PORT=5432

missing=()
for entry in "${packages[@]}"; do
  package=${entry%%:*}
  file=${entry#*:}
  [ -e "$file" ] || missing+=("$package")
done

run_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}
can_be_root() {
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

pg_wanted() { [ -z "${WAKA_TEST_PG_URL:-}" ]; }
pg_up() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2; }
pg_needs_start() { pg_wanted && ! pg_up; }

if ((${#missing[@]} == 0)) && ! pg_needs_start; then
  echo "test dependencies: all present" >&2
  exit 0
fi

if ! can_be_root || ! command -v apt-get >/dev/null 2>&1; then
  {
    echo "npm test needs system components that are not here, and this script cannot install them"
    if ! command -v apt-get >/dev/null 2>&1; then echo "(no apt-get: this is not Debian or Ubuntu)."; else echo "(not root, and sudo needs a password)."; fi
    if ((${#missing[@]})); then
      echo "missing packages: ${missing[*]}"
      echo "install them with:"
      echo "  sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    if pg_needs_start; then
      echo "no PostgreSQL server answers on 127.0.0.1:$PG_PORT; start one with trust auth for 127.0.0.1 and a database 'test':"
      echo "  sudo bash scripts/test-deps.sh        # does exactly that (and installs the packages above)"
      echo "or point the tests at another server: WAKA_TEST_PG_URL=postgres://user@host:port/db npm test"
    fi
    echo "then run npm test again."
  } >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ((${#missing[@]})); then
  echo "test dependencies: installing ${missing[*]} (Debian packages; about 1-3 minutes the first time)" >&2
  # openssh-server's and postgresql's postinst would start system services; nothing may start one
  # here (the tests start their own sshd, and PostgreSQL is started below on our terms)
  guard=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | run_as_root tee /usr/sbin/policy-rc.d >/dev/null
    run_as_root chmod +x /usr/sbin/policy-rc.d
    guard=1
  fi
  trap 'if [ "$guard" = 1 ]; then run_as_root rm -f /usr/sbin/policy-rc.d; fi' EXIT
  run_as_root apt-get update -qq
  run_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if pg_wanted; then
  # a cluster on 127.0.0.1:5432 (created and started when missing or down: no systemd here), trust
  # auth for local TCP connections, and a database `test`; the tests create and drop their own
  # databases there
  pg_cluster=$(pg_lsclusters --no-header | awk -v port="$PG_PORT" '$3 == port { print $1 " " $2; exit }')
  if [ -z "$pg_cluster" ]; then
    pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    run_as_root pg_createcluster --port "$PG_PORT" "$pg_version" main >/dev/null
    pg_cluster="$pg_version main"
  fi
  read -r pg_version pg_name <<<"$pg_cluster"
  pg_hba="/etc/postgresql/$pg_version/$pg_name/pg_hba.conf"
  pg_reload=0
  if ! run_as_root grep -qE '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$pg_hba"; then
    run_as_root sed -i '1i host all all 127.0.0.1/32 trust' "$pg_hba"
    pg_reload=1
  fi
  if pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1 == v && $2 == n && $4 ~ /online/ { found = 1 } END { exit !found }'; then
    if [ "$pg_reload" = 1 ]; then run_as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" reload; fi
  else
    echo "test dependencies: starting PostgreSQL $pg_version/$pg_name on 127.0.0.1:$PG_PORT" >&2
    run_as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" start
  fi
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 60
  has_test_db=$(run_as_root runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -d postgres -tAc "select 1 from pg_database where datname = 'test'")
  [ "$has_test_db" = 1 ] || run_as_root runuser -u postgres -- createdb -h 127.0.0.1 -p "$PG_PORT" test
fi

still=()
for entry in "${packages[@]}"; do
  [ -e "${entry#*:}" ] || still+=("${entry%%:*}")
done
if ((${#still[@]})); then
  echo "test dependencies: still missing after the install: ${still[*]}" >&2
  exit 1
fi
echo "test dependencies: ready" >&2
