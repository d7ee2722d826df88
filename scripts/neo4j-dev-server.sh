#!/usr/bin/env bash
# Throwaway Neo4j Community 5.26 (embedded, Bolt only) for graphstudy's tests and developers.
# No Docker needed: Java 17 + Maven; the first start downloads Neo4j from Maven Central.
#
#   scripts/neo4j-dev-server.sh start [--port P] [--auth] [--data DIR]   # prints BOLT_URI=... and export NEO4J_URI=...
#   scripts/neo4j-dev-server.sh status
#   scripts/neo4j-dev-server.sh stop
#
#   eval "$(scripts/neo4j-dev-server.sh start)"            # sets NEO4J_URI in the current shell
#
# --port P   Bolt port on 127.0.0.1 (default: a free port)
# --auth     authentication on: user neo4j, password from $NEO4J_PASSWORD (>= 8 chars);
#            default is auth disabled.
# --data DIR keep the database in DIR and leave it there when the server stops (or is
#            killed), so the next start with the same --data opens the same store;
#            default is a throwaway database in $GRAPHSTUDY_NEO4J_DIR/tmp.
#
# State lives in $GRAPHSTUDY_NEO4J_DIR (default ${TMPDIR:-/tmp}/graphstudy-neo4j):
# pid, uri, server.log, build.log, and tmp/ (the database without --data, deleted when
# the server stops). JVM options: $GRAPHSTUDY_NEO4J_JAVA_OPTS (default -Xmx512m); page
# cache: $GRAPHSTUDY_NEO4J_PAGECACHE (default 64m; e.g. 2g). Start timeout: 120 s.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$HERE/neo4j-dev-server"
JAR="$PROJECT/target/neo4j-dev-server.jar"
DIR="${GRAPHSTUDY_NEO4J_DIR:-${TMPDIR:-/tmp}/graphstudy-neo4j}"
TIMEOUT=120

say() { echo "neo4j-dev-server: $*" >&2; }

# pid of our running server, or nothing (a stale pid file is ignored).
running_pid() {
  local pid
  pid="$(cat "$DIR/pid" 2>/dev/null)" || return 0
  if [[ -n "$pid" ]] && grep -qa 'neo4j-dev-server.jar' "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  fi
}

build() {
  if [[ -f "$JAR" && -d "$PROJECT/target/lib" ]] \
     && [[ -z "$(find "$PROJECT/pom.xml" "$PROJECT/src" -newer "$JAR" -print -quit)" ]]; then
    return 0
  fi
  say "building $JAR (first time downloads Neo4j from Maven Central; log: $DIR/build.log)"
  local t0=$SECONDS
  if ! mvn -q -B -f "$PROJECT/pom.xml" package >"$DIR/build.log" 2>&1; then
    tail -n 30 "$DIR/build.log" >&2
    say "build failed"
    exit 1
  fi
  say "built in $((SECONDS - t0)) s"
}

bolt_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local port="" auth="" data=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --port) port="${2:?--port needs a value}"; shift 2 ;;
      --auth) auth="--auth"; shift ;;
      --data) data="${2:?--data needs a folder}"; shift 2 ;;
      *) say "unknown option: $1"; exit 2 ;;
    esac
  done
  local password="${NEO4J_PASSWORD:-}"
  if [[ -n "$auth" && ${#password} -lt 8 ]]; then
    say "--auth needs NEO4J_PASSWORD in the environment (at least 8 characters)"
    exit 2
  fi
  mkdir -p "$DIR"
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    say "already running (pid $pid, $(cat "$DIR/mode")); stop it first"
    exit 1
  fi
  rm -rf "$DIR/pid" "$DIR/uri" "$DIR/mode" "$DIR/tmp"   # leftovers of a killed server
  build

  mkdir -p "$DIR/tmp"
  : >"$DIR/server.log"   # exists before the wait loop reads it
  local -a args=()
  [[ -n "$port" ]] && args+=(--port "$port")
  [[ -n "$auth" ]] && args+=("$auth")
  if [[ -n "$data" ]]; then
    mkdir -p "$data"
    args+=(--data "$(cd "$data" && pwd)")
  fi
  args+=(--pagecache "${GRAPHSTUDY_NEO4J_PAGECACHE:-64m}")
  # shellcheck disable=SC2086  # GRAPHSTUDY_NEO4J_JAVA_OPTS is a list of words
  nohup java ${GRAPHSTUDY_NEO4J_JAVA_OPTS:--Xmx512m} -Djava.io.tmpdir="$DIR/tmp" \
    -jar "$JAR" "${args[@]}" >"$DIR/server.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$DIR/pid"
  if [[ -n "$auth" ]]; then echo auth >"$DIR/mode"; else echo noauth >"$DIR/mode"; fi

  local deadline=$((SECONDS + TIMEOUT)) uri=""
  while :; do
    uri="$(sed -n 's/^BOLT_URI=//p' "$DIR/server.log" 2>/dev/null || true)"
    if [[ -n "$uri" ]] && bolt_answers "${uri##*:}"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$DIR/server.log" >&2
      rm -rf "$DIR/pid" "$DIR/mode" "$DIR/tmp"
      say "server exited during startup (log: $DIR/server.log)"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "Bolt not ready after ${TIMEOUT} s; stopping (log: $DIR/server.log)"
      stop >/dev/null
      exit 1
    fi
    sleep 0.5
  done
  echo "$uri" >"$DIR/uri"
  say "running (pid $pid, $(cat "$DIR/mode"))"
  echo "BOLT_URI=$uri"
  echo "export NEO4J_URI=$uri"
}

stop() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do           # 30 s for a clean shutdown, then SIGKILL
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "no clean shutdown after 30 s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    say "stopped (pid $pid)"
  else
    say "not running"
  fi
  rm -rf "$DIR/pid" "$DIR/uri" "$DIR/mode" "$DIR/tmp"
}

status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    echo "running pid=$pid uri=$(cat "$DIR/uri" 2>/dev/null || echo starting) $(cat "$DIR/mode" 2>/dev/null)"
  else
    echo "not running"
    return 3
  fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  build) mkdir -p "$DIR"; build ;;
  *) echo "usage: $0 start [--port P] [--auth] [--data DIR] | stop | status | build" >&2; exit 2 ;;
esac
