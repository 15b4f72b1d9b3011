/**
 * The script every remote step runs: fixed text, sent as one quoted word to `/bin/sh -c`, with the
 * step's values as positional parameters (never spliced into the text). It needs a POSIX shell and
 * the GNU userland of any mainstream Linux: coreutils (readlink, mv -T, sha256sum), findutils
 * (find -printf), tar and gzip; `flock` and `openssl` are used when present.
 *
 * Layout under the deploy directory, the same as the `local` driver's:
 *
 * ```
 * releases/<dirName>/                  one release, .waka-release.json marks it complete
 * releases/<dirName>/.waka/            its manifest and checksum lists, kept for the next delta
 * releases/.partial-*                  uploads in progress (or left by a crash; removed next time)
 * current -> releases/<dirName>        switched by rename
 * .waka-epoch  .waka-lock  activations.log  .waka-restart.log
 * ```
 */
import { commandLine } from './shell-quote.ts'

/** Exit codes the script uses to say why it refused. */
export const REMOTE_EXIT = {
  failed: 70,
  staleEpoch: 71,
  uploadIncomplete: 72,
  verifyFailed: 73,
  liveConflict: 74,
  notPrepared: 75,
  lockTimeout: 76,
  restartFailed: 77,
} as const

// Shell parameter expansions are written %{…} here (a template literal would take ${…} as its own).
const SCRIPT = String.raw`
umask 022
LC_ALL=C
export LC_ALL
op=$1
root=$2
shift 2
die() { code=$1; shift; printf '%s\n' "$*" >&2; exit "$code"; }

if ! cd -- "$root" 2>/dev/null; then
  if [ "$op" = state ]; then printf 'epoch -\ncurrent -\nend\n'; exit 0; fi
  if [ "$op" = check ]; then printf 'missing %s\n' "$root is not there"; exit 0; fi
  mkdir -p -- "$root" && cd -- "$root" || die 70 "cannot create the deploy directory $root"
fi
top=$PWD

lock() {
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>>.waka-lock || die 70 "cannot open $root/.waka-lock"
  flock -w 120 9 || die 76 "timed out waiting for $root/.waka-lock"
}
unlock() { exec 9>&-; }

seen_epoch() {
  seen=-
  if [ -f .waka-epoch ]; then
    IFS= read -r seen < .waka-epoch || :
    case $seen in ''|*[!0-9]*) die 70 "$root/.waka-epoch holds \"$seen\", not an epoch" ;; esac
  fi
}
fence() {
  seen_epoch
  if [ "$seen" != - ] && [ "$1" -lt "$seen" ]; then
    die 71 "refused epoch $1: it has already seen epoch $seen, so another deployment holds the lock"
  fi
  if [ "$2" = record ] && { [ "$seen" = - ] || [ "$1" -gt "$seen" ]; }; then
    { printf '%s\n' "$1" > .waka-epoch.tmp && mv -f .waka-epoch.tmp .waka-epoch; } || die 70 "cannot record the epoch in $root/.waka-epoch"
  fi
}

read_current() {
  current=-
  if [ -L current ]; then
    link=$(readlink current) || die 70 "cannot read $root/current"
    link=%{link%/}
    case $link in
      releases/*/*|releases/) die 70 "$root/current points at \"$link\", not at a release directory" ;;
      releases/*) current=%{link#releases/} ;;
      *) die 70 "$root/current points at \"$link\", not at a release directory" ;;
    esac
  elif [ -e current ]; then
    die 70 "$root/current is not a symlink"
  fi
}

marker_of() {
  marker=-
  if [ -f "releases/$1/.waka-release.json" ]; then
    IFS= read -r marker < "releases/$1/.waka-release.json" || :
    [ -n "$marker" ] || marker=-
  fi
}

remove_partials() {
  for d in releases/.partial-*; do
    if [ -e "$d" ]; then rm -rf -- "$d"; fi
  done
}

# state EPOCH|- TARGET|-: what the host holds, and the manifest of the live release when TARGET is missing
state() {
  if [ "$1" != - ]; then fence "$1" check; fi
  seen_epoch
  printf 'epoch %s\n' "$seen"
  read_current
  printf 'current %s\n' "$current"
  for d in releases/*; do
    [ -d "$d" ] || continue
    marker_of "%{d#releases/}"
    printf 'release %s\n%s\n' "%{d#releases/}" "$marker"
  done
  for d in releases/.partial-*; do
    if [ -e "$d" ]; then printf 'partial %s\n' "%{d#releases/}"; fi
  done
  if [ -f activations.log ]; then
    while IFS= read -r line || [ -n "$line" ]; do printf 'activation %s\n' "$line"; done < activations.log
  fi
  if [ "$2" != - ] && [ "$current" != - ] && [ "$current" != "$2" ] && [ ! -f "releases/$2/.waka-release.json" ] && [ -f "releases/$current/.waka/manifest" ]; then
    printf 'manifest %s\n' "$current"
    cat "releases/$current/.waka/manifest"
  fi
  printf 'end\n'
}

verify() {
  if [ -s .waka/sums ]; then
    if command -v openssl >/dev/null 2>&1; then
      sed 's/^[0-9a-f]* [*]//' .waka/sums | tr '\n' '\000' | xargs -0 openssl dgst -sha256 -r > .waka/sums.got 2>/dev/null
      if ! cmp -s .waka/sums .waka/sums.got; then
        sort .waka/sums > .waka/sums.want
        sort .waka/sums.got > .waka/sums.have
        comm -23 .waka/sums.want .waka/sums.have | head -n 10 | sed 's/^[0-9a-f]* [*][.]\//sha256 differs: /' >&2
        return 1
      fi
    elif ! sha256sum -c --quiet --strict .waka/sums > .waka/sums.got 2>&1; then
      head -n 10 .waka/sums.got >&2
      return 1
    fi
  fi
  find . -mindepth 1 \( -path ./.waka -prune \) -o \( -path ./.waka-release.json -prune \) -o \( -type f -printf 'f %m %p\n' \) -o \( -type l -printf 'l %p -> %l\n' \) \
    -o \( -type d \( -empty -printf 'd %p\n' -o -true \) \) -o -printf 'x %p\n' | sort > .waka/tree.have
  sort .waka/tree > .waka/tree.want
  if ! cmp -s .waka/tree.want .waka/tree.have; then
    comm -3 .waka/tree.want .waka/tree.have | head -n 10 | sed 's/^/tree differs: /' >&2
    return 1
  fi
  rm -f .waka/sums.got .waka/sums.want .waka/sums.have .waka/tree.want .waka/tree.have
}

# receive EPOCH NAME DIGEST PARTIAL GZIP(1|0); stdin: a tar stream whose members sit under PARTIAL/
receive() {
  epoch=$1 name=$2 digest=$3 partial=$4
  mkdir -p releases || die 70 "cannot create $root/releases"
  lock; fence "$epoch" record; remove_partials; unlock
  mkdir -- "releases/$partial" || die 70 "cannot create $root/releases/$partial"
  trap 'rm -rf -- "$top/releases/$partial"' EXIT
  trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM; trap 'exit 141' PIPE
  if [ "$5" = 1 ]; then
    tar -x -z --no-same-owner -C releases -f - || die 72 "the upload into $root/releases/$partial did not complete"
  else
    tar -x --no-same-owner -C releases -f - || die 72 "the upload into $root/releases/$partial did not complete"
  fi
  cd -- "releases/$partial" || die 70 "cannot enter $root/releases/$partial"
  verify || die 73 "$root/releases/$partial does not match the manifest of $digest"
  mv -f .waka/marker .waka-release.json || die 70 "cannot write the release marker"
  cd ../.. || die 70 "cannot leave $root/releases/$partial"
  lock; fence "$epoch" check
  if [ -d "releases/$name" ]; then
    marker_of "$name"
    case $marker in *"\"digest\":\"$digest\""*) printf 'present\n'; exit 0 ;; esac
    read_current
    [ "$current" != "$name" ] || die 74 "the live release directory $root/releases/$name does not hold $digest; refusing to replace it"
    mv -T -- "releases/$name" "releases/$partial-replaced" && rm -rf -- "releases/$partial-replaced" || die 70 "cannot replace $root/releases/$name"
  fi
  mv -T -- "releases/$partial" "releases/$name" || die 70 "cannot move the upload into $root/releases/$name"
  trap - EXIT
  unlock
  printf 'prepared\n'
}

# activate EPOCH NAME|- DIGEST|- [RESTART ARGV...] (DIGEST - accepts any prepared release); stdin (with a restart): export lines to eval
activate() {
  epoch=$1 name=$2 digest=$3
  shift 3
  lock; fence "$epoch" record; read_current
  old=$current
  if [ "$name" = - ]; then
    rm -f current || die 70 "cannot remove $root/current"
  else
    marker_of "$name"
    if [ "$digest" = - ]; then
      [ "$marker" != - ] || die 75 "$root/releases/$name is not a prepared release"
    else
      case $marker in *"\"digest\":\"$digest\""*) ;; *) die 75 "$root/releases/$name is not prepared with $digest; prepare must run first" ;; esac
    fi
    ln -s -- "releases/$name" current.tmp-$$ && mv -T -f current.tmp-$$ current || { rm -f current.tmp-$$; die 70 "cannot switch $root/current to $name"; }
    printf '%s %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$epoch" "$name" >> activations.log
  fi
  unlock
  printf 'switched %s\n' "$old"
  if [ $# -eq 0 ] || [ "$name" = - ]; then exit 0; fi
  log=$top/.waka-restart.log
  cd -- "releases/$name" || die 70 "cannot enter $root/releases/$name"
  env=$(cat) || die 70 "cannot read the restart environment"
  eval "$env"
  WAKA_RELEASE_DIR=$PWD
  export WAKA_RELEASE_DIR
  "$@" > "$log" 2>&1 < /dev/null
  code=$?
  tail -n 40 "$log"
  [ "$code" -eq 0 ] || die 77 "the restart command exited with $code"
}

# check NAME DIGEST: whether releases/NAME still holds DIGEST, every file as its manifest says; changes nothing live
check() {
  name=$1 digest=$2
  if [ ! -d "releases/$name" ]; then printf 'missing %s\n' "$root/releases/$name is not there"; exit 0; fi
  marker_of "$name"
  case $marker in
    -) printf 'missing %s\n' "$root/releases/$name was never completed"; exit 0 ;;
    *"\"digest\":\"$digest\""*) ;;
    *) printf 'damaged %s\n' "$root/releases/$name holds another release than $digest"; exit 0 ;;
  esac
  cd -- "releases/$name" || die 70 "cannot enter $root/releases/$name"
  if [ ! -f .waka/tree ]; then printf 'damaged %s\n' "$root/releases/$name has no manifest to check against"; exit 0; fi
  if said=$(verify 2>&1); then printf 'verified\n'; exit 0; fi
  rm -f .waka/sums.got .waka/sums.want .waka/sums.have .waka/tree.want .waka/tree.have
  printf 'damaged %s\n' "$(printf '%s' "$said" | head -n 3 | tr '\n' ' ')"
}

# cleanup EPOCH NAME...: removes those releases, never the live one
cleanup() {
  epoch=$1
  shift
  lock; fence "$epoch" record; read_current; remove_partials
  for name in "$@"; do
    if [ "$name" = "$current" ] || [ ! -d "releases/$name" ]; then continue; fi
    mv -T -- "releases/$name" "releases/.partial-removing-$name" || die 70 "cannot remove $root/releases/$name"
    rm -rf -- "releases/.partial-removing-$name"
    printf 'removed %s\n' "$name"
  done
  if [ -f activations.log ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      rest=%{line#* }
      if [ -d "releases/%{rest#* }" ]; then printf '%s\n' "$line"; fi
    done < activations.log > activations.log.tmp && mv -f activations.log.tmp activations.log
  fi
  unlock
}

case $op in
  state|receive|activate|check|cleanup) "$op" "$@" ;;
  *) die 70 "unknown step $op" ;;
esac
`.replaceAll('%{', '${')

export type RemoteStep = 'state' | 'receive' | 'activate' | 'check' | 'cleanup'

/** The command line of one step: the fixed script, then the step and its values as quoted words. */
export const remoteCommand = (step: RemoteStep, root: string, args: readonly string[]): string =>
  commandLine(['/bin/sh', '-c', SCRIPT, 'waka-ssh', step, root, ...args])
