#!/usr/bin/env bash
# AiFlow front door: `up [-d]`, `down`, `test`, `psql [args]`, `bench [name]`.
# With no AIFLOW_DB it provisions PostgreSQL 15 + pgvector and a private cluster under .aiflow/ itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="$ROOT/.aiflow"
PGBIN=/usr/lib/postgresql/15/bin
# Where the cluster lives: see resolve_cluster.
CLUSTER="$STATE"
PGDATA="$CLUSTER/pgdata"
PGSOCK="$CLUSTER/pgsock"
PGLOG="$CLUSTER/pglog"
PGPORT="${AIFLOW_PG_PORT:-55432}"
URL="http://127.0.0.1:5080"

log() { printf '[aiflow] %s\n' "$*" >&2; }
die() { printf '[aiflow] error: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing $* from apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

ensure_postgres_binaries() {
  [ -x "$PGBIN/initdb" ] || apt_install postgresql-15
  local ext; ext="$("$PGBIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/extension/vector.control"
  [ -f "$ext" ] && return 0
  # Debian 12 ships no pgvector: build it from trixie's source package through a private apt configuration,
  # so the machine's own apt sources stay untouched.
  log "building pgvector from Debian's source package (one time)"
  apt_install postgresql-server-dev-15 dpkg-dev build-essential
  local apt_dir="$STATE/apt" uri
  uri="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$uri" ] || uri="http://deb.debian.org/debian"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/src"
  echo "deb-src $uri trixie main" > "$apt_dir/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
              -o "Dir::State::Lists=$apt_dir/lists" -o "APT::Get::List-Cleanup=0")
  apt-get "${opts[@]}" update -q >/dev/null
  (cd "$apt_dir/src" && rm -rf pgvector-* && apt-get "${opts[@]}" source -q pgvector >/dev/null 2>&1)
  local src; src="$(find "$apt_dir/src" -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
  [ -n "$src" ] || die "could not fetch pgvector's source package from $uri (trixie)"
  make -s -C "$src" PG_CONFIG="$PGBIN/pg_config" OPTFLAGS="" >/dev/null 2>&1
  as_root make -s -C "$src" PG_CONFIG="$PGBIN/pg_config" install >/dev/null
  [ -f "$ext" ] || die "pgvector build did not install $ext"
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user; anyone else runs it as themselves.
is_root() { [ "$(id -u)" = 0 ]; }
pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# As root, the cluster sits in the checkout only when the postgres user can reach it. A checkout under /root (mode 700)
# or in a `mktemp -d` folder cannot be entered by postgres, so its cluster goes to /var/lib/aiflow/<checkout hash>.
# A cluster already made in either place is kept there.
resolve_cluster() {
  local away="/var/lib/aiflow/$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
  if [ -f "$STATE/pgdata/PG_VERSION" ]; then CLUSTER="$STATE"
  elif [ -f "$away/pgdata/PG_VERSION" ]; then CLUSTER="$away"
  elif ! is_root || { id postgres >/dev/null 2>&1 && mkdir -p "$STATE" && runuser -u postgres -- test -x "$STATE" 2>/dev/null; }; then CLUSTER="$STATE"
  else CLUSTER="$away"; fi
  PGDATA="$CLUSTER/pgdata"; PGSOCK="$CLUSTER/pgsock"; PGLOG="$CLUSTER/pglog"
}

# Something else on our port (another checkout's cluster, a system PostgreSQL) would make `pg_ctl start` fail with
# only "see the log": say what holds it and how to pick another port.
check_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; then
    die "port $PGPORT is taken by another process (another AiFlow checkout's PostgreSQL?); stop it, or run with another port, e.g. AIFLOW_PG_PORT=$((PGPORT + 10)) ./aiflow.sh ${AIFLOW_COMMAND:-up}"
  fi
}

ensure_cluster() {
  ensure_postgres_binaries
  mkdir -p "$STATE"
  resolve_cluster
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $PGDATA"
    mkdir -p "$PGDATA" "$PGSOCK"
    if is_root; then chown -R postgres:postgres "$PGDATA" "$PGSOCK"; chmod 755 "$CLUSTER"; fi
    pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  mkdir -p "$PGSOCK" "$PGLOG"; if is_root; then chown postgres:postgres "$PGSOCK" "$PGLOG"; fi
  if pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    # Already running, perhaps started with another AIFLOW_PG_PORT: say so instead of failing to connect.
    local running; running="$(pg sed -n 4p "$PGDATA/postmaster.pid" 2>/dev/null || true)"
    if [ -n "$running" ] && [ "$running" != "$PGPORT" ]; then
      die "this checkout's PostgreSQL is already running on port $running; run with AIFLOW_PG_PORT=$running, or stop it first (AIFLOW_PG_PORT=$running ./aiflow.sh down)"
    fi
  else
    check_port_free
    log "starting PostgreSQL on port $PGPORT"
    pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGLOG/postgres.log" -w start \
      -o "-p $PGPORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${AIFLOW_PG_FSYNC:-on}" >/dev/null \
      || die "PostgreSQL did not start; see $PGLOG/postgres.log"
  fi
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "select 1 from pg_database where datname='aiflow'" | grep -q 1 \
    || "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "create database aiflow" >/dev/null
}

stop_cluster() {
  resolve_cluster
  if [ -f "$PGDATA/PG_VERSION" ] && pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
  fi
}

db_conn() {
  if [ -n "${AIFLOW_DB:-}" ]; then echo "$AIFLOW_DB"
  else echo "Host=127.0.0.1;Port=$PGPORT;Database=aiflow;Username=postgres;Password=postgres"; fi
}

ensure_chromium() { [ -x /usr/bin/chromium ] || apt_install chromium; }

# The PostgreSQL manual (HTML) is real text to ingest: the demo offers it and the retrieval tests read it where Debian
# installs it, never from a copy in the repository.
ensure_manuals() { [ -d /usr/share/doc/postgresql-doc-15/html ] || apt_install postgresql-doc-15; }

# Media uploads read durations with ffprobe and sample video frames and sound with ffmpeg (ADR 0033).
ensure_ffmpeg() { command -v ffprobe >/dev/null 2>&1 || apt_install --no-install-recommends ffmpeg; }

# The web project bundles the DAG editor island with npm + esbuild during its build (docs/adr/0005).
ensure_node() { command -v npm >/dev/null 2>&1 || apt_install nodejs npm; }

publish_console() {
  local out="$STATE/app" stamp=""
  # A second `up` with unchanged sources reuses the last build, so it starts in seconds.
  if command -v git >/dev/null && git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1; then
    stamp="$(git -C "$ROOT" rev-parse HEAD)-$(git -C "$ROOT" status --porcelain -- src Directory.Packages.props Directory.Build.props | sha1sum | cut -c1-12)"
    if [ -f "$out/AiFlow.Web.dll" ] && [ "$(cat "$out/.build-stamp" 2>/dev/null)" = "$stamp" ]; then
      log "console is up to date"; return 0
    fi
  fi
  ensure_node
  log "building the console (dotnet publish, with the DAG editor's npm bundle; a few minutes the first time)"
  dotnet publish "$ROOT/src/AiFlow.Web/AiFlow.Web.csproj" -c Release -o "$out" --nologo -v q >/dev/null \
    || die "build failed: run 'dotnet build' for details"
  [ -z "$stamp" ] || echo "$stamp" > "$out/.build-stamp"
}

stop_console() {
  if [ -f "$STATE/console.pid" ] && kill -0 "$(cat "$STATE/console.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/console.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$(cat "$STATE/console.pid")" 2>/dev/null || break; sleep 0.2; done
    log "console stopped"
  fi
  rm -f "$STATE/console.pid"
}

cmd_up() {
  local detach=0; [ "${1:-}" = "-d" ] && detach=1
  [ -n "${AIFLOW_DB:-}" ] || ensure_cluster
  ensure_manuals
  ensure_ffmpeg
  publish_console
  # A console started earlier by `up -d` is replaced, so `up` always runs the current build.
  stop_console
  if curl -fsS -o /dev/null "$URL/health" 2>/dev/null; then die "something else already answers at $URL; stop it first"; fi
  export ConnectionStrings__AiFlow="$(db_conn)" ASPNETCORE_URLS="$URL" AiFlow__DemoMode="${AIFLOW_DEMO:-true}"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
  # What the console makes for itself (the demo's key-ring certificate) stays beside the database, outside the sources.
  export AiFlow__StateDirectory="${AiFlow__StateDirectory:-$STATE/state}"
  if [ $detach = 1 ]; then
    # exec keeps the pid the console's own; every stream is redirected so nothing holds the caller's terminal.
    (cd "$STATE/app" && exec dotnet AiFlow.Web.dll) > "$STATE/console.log" 2>&1 < /dev/null &
    echo $! > "$STATE/console.pid"
    for _ in $(seq 1 120); do
      if curl -fsS -o /dev/null "$URL/health" 2>/dev/null; then
        grep -oE 'Demo sign-in.*' "$STATE/console.log" >&2 || true
        log "console running at $URL (log: $STATE/console.log; stop: ./aiflow.sh down)"; return 0
      fi
      kill -0 "$(cat "$STATE/console.pid")" 2>/dev/null || { tail -n 20 "$STATE/console.log" >&2; die "console exited"; }
      sleep 0.5
    done
    die "console did not answer at $URL within 60 s; see $STATE/console.log"
  fi
  log "console at $URL (Ctrl+C stops it)"
  cd "$STATE/app" && exec dotnet AiFlow.Web.dll
}

cmd_down() {
  stop_console
  [ -n "${AIFLOW_DB:-}" ] || stop_cluster
}

cmd_test() {
  local started_here=0
  if [ -z "${AIFLOW_DB:-}" ]; then
    resolve_cluster
    pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 || started_here=1
    AIFLOW_PG_FSYNC=off ensure_cluster
  fi
  ensure_chromium
  ensure_node
  ensure_manuals
  ensure_ffmpeg
  export AIFLOW_TEST_DB="$(db_conn)" AIFLOW_CHROMIUM=/usr/bin/chromium
  local results="$STATE/test-results"; rm -rf "$results"; mkdir -p "$results"
  set +e
  dotnet test "$ROOT/AiFlow.sln" --nologo -v q --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@"
  local rc=$?
  set -e
  [ $started_here = 1 ] && [ "${AIFLOW_KEEP_DB:-}" != 1 ] && stop_cluster
  summarise_trx "$results"
  return $rc
}

summarise_trx() {
  local trx; trx="$(find "$1" -name '*.trx' | head -n1)"
  if [ -z "$trx" ]; then echo "0 passed, 1 failed"; return; fi
  python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
root = ET.parse(sys.argv[1]).getroot()
# The failing tests again at the very end, so a log cut to its tail still names them and says why.
for r in root.iterfind('.//t:UnitTestResult', ns):
    if r.get('outcome') not in ('Passed', 'NotExecuted'):
        msg = r.find('.//t:ErrorInfo/t:Message', ns)
        text = (msg.text or '').strip().replace('\n', ' ')[:600] if msg is not None else ''
        print(f"FAILED {r.get('testName')}: {text}")
c = root.find('.//t:ResultSummary/t:Counters', ns)
passed, failed = int(c.get('passed', 0)), int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0)) + int(c.get('aborted', 0))
print(f"{passed} passed, {failed} failed")
PY
}

cmd_psql() {
  if [ -n "${AIFLOW_DB:-}" ]; then die "AIFLOW_DB is set: use your own psql against it"; fi
  ensure_cluster
  exec "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d aiflow "$@"
}

# AIFLOW_BENCH_CPUS=N (e.g. 1 on a 2-core machine): the bench and this checkout's PostgreSQL run in a cgroup allowed N
# CPUs' worth of time per 10 ms, spread over all cores: a stand-in for a slower machine of the same shape, to see a
# goal met at half the throughput without one. The runtime is still told the real core count (DOTNET_PROCESSOR_COUNT),
# as on a slower machine; single-thread latency is not slowed, only the time available. Needs root and the cgroup cpu
# controller (v1 or v2); PostgreSQL's processes are moved back out when the bench ends.
BENCH_CGROUP=""
bench_cgroup_enter() {
  local cpus="$1" period=10000 quota root
  is_root || die "AIFLOW_BENCH_CPUS needs root (it creates a cgroup)"
  [ -z "${AIFLOW_DB:-}" ] || die "AIFLOW_BENCH_CPUS limits this checkout's PostgreSQL, not one given by AIFLOW_DB"
  quota="$(awk -v c="$cpus" 'BEGIN { if (c + 0 <= 0) exit 1; printf "%d", c * 10000 }')" || die "AIFLOW_BENCH_CPUS must be a positive number, e.g. 1"
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    root=/sys/fs/cgroup; BENCH_CGROUP="$root/aiflow-bench"
    echo +cpu > "$root/cgroup.subtree_control" 2>/dev/null || true
    mkdir -p "$BENCH_CGROUP" && echo "$quota $period" > "$BENCH_CGROUP/cpu.max" || die "cannot set a CPU quota in $BENCH_CGROUP"
  elif [ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
    root=/sys/fs/cgroup/cpu; BENCH_CGROUP="$root/aiflow-bench"
    mkdir -p "$BENCH_CGROUP" && echo "$period" > "$BENCH_CGROUP/cpu.cfs_period_us" && echo "$quota" > "$BENCH_CGROUP/cpu.cfs_quota_us" \
      || die "cannot set a CPU quota in $BENCH_CGROUP"
  else
    die "AIFLOW_BENCH_CPUS needs the cgroup cpu controller (/sys/fs/cgroup)"
  fi
  trap bench_cgroup_leave EXIT
  local postmaster; postmaster="$(head -1 "$PGDATA/postmaster.pid")"
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do echo "$pid" > "$BENCH_CGROUP/cgroup.procs"; done
  echo $$ > "$BENCH_CGROUP/cgroup.procs"
  export DOTNET_PROCESSOR_COUNT="$(nproc)" AIFLOW_BENCH_CPU_LIMIT="$cpus"
  log "bench and PostgreSQL limited to $cpus CPU(s) of time over $(nproc) cores ($BENCH_CGROUP)"
}

bench_cgroup_leave() {
  [ -n "$BENCH_CGROUP" ] && [ -d "$BENCH_CGROUP" ] || return 0
  local parent; parent="$(dirname "$BENCH_CGROUP")"
  # Every process still in the group (PostgreSQL's, the backends forked meanwhile, this shell) goes back to the parent.
  while read -r pid; do echo "$pid" > "$parent/cgroup.procs" 2>/dev/null || true; done < "$BENCH_CGROUP/cgroup.procs"
  rmdir "$BENCH_CGROUP" 2>/dev/null || true
}

cmd_bench() {
  [ -n "${AIFLOW_DB:-}" ] || ensure_cluster
  ensure_ffmpeg
  export AIFLOW_BENCH_DB="$(db_conn)"
  if [ -n "${AIFLOW_BENCH_CPUS:-}" ]; then
    # Built first, outside the limit: only the bench is measured under it.
    dotnet build -c Release "$ROOT/bench/AiFlow.Bench/AiFlow.Bench.csproj" -v q -nologo >/dev/null || die "the bench did not build"
    bench_cgroup_enter "$AIFLOW_BENCH_CPUS"
    dotnet run -c Release --no-build --project "$ROOT/bench/AiFlow.Bench/AiFlow.Bench.csproj" -- "$@"
    return
  fi
  dotnet run -c Release --project "$ROOT/bench/AiFlow.Bench/AiFlow.Bench.csproj" -- "$@"
}

AIFLOW_COMMAND="${1:-}"
case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  test) shift; cmd_test "$@" ;;
  psql) shift; cmd_psql "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./aiflow.sh up [-d] | down | test [dotnet test args] | psql [args] | bench [name]"; exit 2 ;;
esac
