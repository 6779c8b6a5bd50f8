#!/usr/bin/env bash
# Starts and stops the `consul agent -dev` (1.8.7) that the differential tests talk to. Used by ctest as a
# fixture: `agent.sh start <statedir>` (FIXTURES_SETUP) and `agent.sh stop <statedir>` (FIXTURES_CLEANUP).
#
# start: finds the binary ($CHAINSCOPE_CONSUL, else scripts/fetch-consul.sh), picks free loopback ports,
#        starts the agent, waits for GET /v1/status/leader to name a leader, and writes
#          <statedir>/address      http://127.0.0.1:<port>
#          <statedir>/pid          the agent's process id
#          <statedir>/agent.log    the agent's output
#        When the agent cannot be fetched or started it writes the reason to <statedir>/unavailable and
#        exits 0, so that the tests can skip with that reason; with CI=true it exits 1 instead (the tests
#        then fail too: a CI run must never silently skip the comparison).
# stop:  stops the agent by the pid recorded at start (TERM, then KILL after 10 s) and removes the state.
set -uo pipefail

cmd=${1:-}
state=${2:-}
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: agent.sh start|stop <statedir>" >&2; exit 2; }
top=$(cd "$(dirname "$0")/../.." && pwd)

stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  return 0
}

unavailable() {
  echo "$1" > "$state/unavailable"
  echo "agent.sh: $1" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  exit 0
}

port_free() {
  # A port is taken when something accepts a connection on it. (Serf also needs UDP; a TCP-free port in
  # the range below is practically always UDP-free too, and a failed start is retried with new ports.)
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_ports() {
  ports=()
  while [ ${#ports[@]} -lt 4 ]; do
    local p=$(( 20000 + RANDOM % 40000 ))
    if port_free "$p" && [[ " ${ports[*]} " != *" $p "* ]]; then ports+=("$p"); fi
  done
}

case "$cmd" in
start)
  mkdir -p "$state"
  if [ -f "$state/pid" ]; then stop_pid "$(cat "$state/pid")"; fi
  rm -f "$state/address" "$state/pid" "$state/unavailable"
  bin=${CHAINSCOPE_CONSUL:-}
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    bin=$(bash "$top/scripts/fetch-consul.sh" 2>"$state/fetch.log") || unavailable "cannot fetch consul 1.8.7 (see $state/fetch.log)"
  fi
  "$bin" version >/dev/null 2>&1 || unavailable "$bin does not run"
  for attempt in 1 2 3; do
    pick_ports
    http=${ports[0]}
    "$bin" agent -dev -bind 127.0.0.1 -client 127.0.0.1 -http-port "$http" -dns-port -1 -grpc-port -1 \
      -serf-lan-port "${ports[1]}" -serf-wan-port "${ports[2]}" -server-port "${ports[3]}" \
      >"$state/agent.log" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      leader=$(curl -s --max-time 2 "http://127.0.0.1:$http/v1/status/leader" 2>/dev/null || true)
      if [[ "$leader" == \"*:*\" ]]; then
        echo "$pid" > "$state/pid"
        echo "http://127.0.0.1:$http" > "$state/address"
        echo "agent.sh: consul agent pid $pid at http://127.0.0.1:$http (attempt $attempt)"
        exit 0
      fi
      sleep 0.1
    done
    stop_pid "$pid"
    wait "$pid" 2>/dev/null
    echo "agent.sh: attempt $attempt failed; agent output:" >&2
    tail -n 20 "$state/agent.log" >&2
  done
  unavailable "consul agent did not elect itself leader within 30 s (see $state/agent.log)"
  ;;
stop)
  if [ -f "$state/pid" ]; then
    stop_pid "$(cat "$state/pid")"
    echo "agent.sh: stopped consul agent pid $(cat "$state/pid")"
  fi
  rm -f "$state/address" "$state/pid"
  exit 0
  ;;
*)
  echo "usage: agent.sh start|stop <statedir>" >&2; exit 2 ;;
esac
