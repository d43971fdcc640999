#!/usr/bin/env bash
# A local OrleansNlp cluster without Docker, all on loopback: its own redis-server, N silos and the web frontend.
#
#   scripts/cluster.sh start [--silos N] [--http-port P]   start redis, N silos (default 2) and the frontend (default port 8080)
#   scripts/cluster.sh add-silo                            start one more silo
#   scripts/cluster.sh kill-silo K                         SIGKILL silo K (a crash, for recovery tests)
#   scripts/cluster.sh status                              processes and the cluster members registered in Redis
#   scripts/cluster.sh stop                                stop exactly what start and add-silo started
#
# Environment: CLUSTER_DIR (state, logs and Redis data; default .cluster in the repository), CLUSTER_NO_BUILD=1 to
# skip the build, CLUSTER_CONFIGURATION (default Release), REDIS_SERVER (the redis-server binary; default the one on
# PATH), REDIS_START_TIMEOUT (seconds to wait for Redis to answer PING; default 5). Other variables (e.g.
# Jobs__WatchdogPeriod) reach every process.
#
# Ports are drawn from 10000 up to the start of the machine's ephemeral range (net.ipv4.ip_local_port_range), where
# the kernel never puts the local end of an outgoing connection, and each is checked free before use.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CLUSTER_DIR:-$root/.cluster}"
configuration="${CLUSTER_CONFIGURATION:-Release}"
redis_server="${REDIS_SERVER:-redis-server}"
redis_start_timeout="${REDIS_START_TIMEOUT:-5}"
silo_dll="$root/Silo/bin/$configuration/net10.0/Silo.dll"
web_dll="$root/WebFrontend/bin/$configuration/net10.0/WebFrontend.dll"
# Each process runs in its project directory, its content root: there it finds its appsettings.json (log levels) and,
# for the frontend, wwwroot (the web page).
service_id="orleans-nlp"
cluster_id="orleans-nlp"

die() { echo "cluster.sh: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether any TCP socket on this machine has the port as its local end (a listener, or a connection in any state,
# TIME_WAIT included): such a port may fail to bind. Without ss(8), only listeners are seen.
port_taken() {
  if command -v ss >/dev/null; then
    [ -n "$(ss -H -t -a -n "sport = :$1" 2>/dev/null)" ]
  else
    port_in_use "$1"
  fi
}

# The lowest port of the kernel's ephemeral range (32768 when it cannot be read).
ephemeral_low() {
  local low
  read -r low _ 2>/dev/null < /proc/sys/net/ipv4/ip_local_port_range || low=32768
  [[ "$low" =~ ^[0-9]+$ ]] || low=32768
  echo "$low"
}

# A free port below the ephemeral range (10000 up to its low end; 1024 up when that range starts lower), drawn at
# random so that clusters from different folders rarely pick the same, avoiding ports this cluster already handed out.
free_port() {
  local low high port
  high=$(( $(ephemeral_low) - 1 ))
  low=10000
  [ "$high" -gt $(( low + 1000 )) ] || low=1024
  [ "$high" -gt "$low" ] || die "no port range below the ephemeral range ($(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null))"
  for _ in $(seq 200); do
    port=$(( low + (RANDOM * 32768 + RANDOM) % (high - low + 1) ))
    if ! port_taken "$port" && ! grep -qx "$port" "$dir/ports" 2>/dev/null; then
      echo "$port" >> "$dir/ports"
      echo "$port"
      return
    fi
  done
  die "no free port found in $low-$high"
}

# When the kernel started a process (clock ticks since boot; the fields after the command name, which may hold spaces).
started_at() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

# A pid file with the start time of its process beside it: after a reboot the number may belong to another process.
record_pid() { # pidfile pid
  echo "$2" > "$1"
  started_at "$2" > "${1%.pid}.started"
}

alive() { # pidfile: its process runs, and is the one started
  [ -f "$1" ] || return 1
  local pid; pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null || return 1
  [ ! -f "${1%.pid}.started" ] || [ "$(started_at "$pid")" = "$(cat "${1%.pid}.started")" ]
}

wait_healthy() { # name url pidfile
  local name="$1" url="$2" pidfile="$3" log="${3%.pid}.log"
  for _ in $(seq 240); do
    alive "$pidfile" || die "$name exited during start-up; the end of its log, $log:
$(tail -n 40 "$log" 2>/dev/null)"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = "200" ]; then
      return
    fi
    sleep 0.5
  done
  die "$name did not become healthy at $url within 120 s; see its log in $dir"
}

# Waits until Redis answers PING; otherwise stops it and fails, naming the port and the log, so that no silo starts
# against a Redis that is not there.
wait_redis() { # port
  local port="$1" tries=$(( redis_start_timeout * 10 ))
  for _ in $(seq "$tries"); do
    if ! alive "$dir/redis.pid"; then
      redis_failed "redis-server exited during start-up on port $port"
    fi
    redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && return
    sleep 0.1
  done
  redis_failed "redis-server did not answer PING on 127.0.0.1:$port within $redis_start_timeout s"
}

redis_failed() { # message
  stop_pid "$dir/redis.pid"
  echo "cluster.sh: $1; see $dir/redis.log:" >&2
  tail -n 5 "$dir/redis.log" 2>/dev/null | sed 's/^/  /' >&2
  exit 1
}

redis_url() { echo "127.0.0.1:$(cat "$dir/redis.port")"; }

start_silo() { # index
  local k="$1" silo_port gateway_port http_port
  silo_port=$(free_port); gateway_port=$(free_port); http_port=$(free_port)
  ConnectionStrings__Redis="$(redis_url)" \
  Orleans__ServiceId="$service_id" Orleans__ClusterId="$cluster_id" \
  Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" Orleans__AdvertisedIPAddress=127.0.0.1 \
  Urls="http://127.0.0.1:$http_port" \
    nohup dotnet "$silo_dll" --contentRoot "$root/Silo" > "$dir/silo-$k.log" 2>&1 < /dev/null &
  record_pid "$dir/silo-$k.pid" $!
  echo "$http_port" > "$dir/silo-$k.http"
  echo "silo $k: silo port $silo_port, gateway $gateway_port, health http://127.0.0.1:$http_port/health (pid $(cat "$dir/silo-$k.pid"))"
}

next_silo_index() {
  local k=1
  while [ -f "$dir/silo-$k.pid" ]; do k=$((k + 1)); done
  echo "$k"
}

build() {
  [ "${CLUSTER_NO_BUILD:-0}" = "1" ] && return
  dotnet build "$root/Silo/Silo.csproj" -c "$configuration" -v quiet -nologo
  dotnet build "$root/WebFrontend/WebFrontend.csproj" -c "$configuration" -v quiet -nologo
}

cmd_start() {
  local silos=2 http_port=8080
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) [ $# -ge 2 ] || die "--silos needs a value"; silos="$2"; shift 2 ;;
      --http-port) [ $# -ge 2 ] || die "--http-port needs a value"; http_port="$2"; shift 2 ;;
      *) die "unknown option $1 (start [--silos N] [--http-port P])" ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]*$ ]] || die "--silos needs a positive number"
  [[ "$http_port" =~ ^[1-9][0-9]{0,4}$ ]] && [ "$http_port" -le 65535 ] || die "--http-port needs a port number (1-65535)"
  alive "$dir/redis.pid" && die "a cluster is already running from $dir; run 'stop' first"
  port_in_use "$http_port" && die "port $http_port is in use; pick another with --http-port"
  command -v "$redis_server" >/dev/null || die "$redis_server is missing: sudo apt-get install redis-server (or set REDIS_SERVER)"
  command -v redis-cli >/dev/null || die "redis-cli is missing: sudo apt-get install redis-tools"
  [[ "$redis_start_timeout" =~ ^[1-9][0-9]*$ ]] || die "REDIS_START_TIMEOUT needs a positive number of seconds"
  command -v curl >/dev/null || die "curl is missing: sudo apt-get install curl"

  build
  # A start that fails part-way stops what it started (Redis's data stays).
  trap 'cmd_stop > /dev/null' EXIT
  # Keep Redis's data (unfinished jobs survive a stop and start); forget the old processes, ports and logs.
  mkdir -p "$dir/redis"
  rm -f "$dir"/*.pid "$dir"/*.started "$dir"/*.http "$dir"/*.port "$dir"/*.log "$dir/ports"
  echo "$http_port" > "$dir/ports"

  local redis_port; redis_port=$(free_port)
  echo "$redis_port" > "$dir/redis.port"
  nohup "$redis_server" --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes \
    > "$dir/redis.log" 2>&1 < /dev/null &
  record_pid "$dir/redis.pid" $!
  wait_redis "$redis_port"
  echo "redis: $(redis_url) (pid $(cat "$dir/redis.pid"), data in $dir/redis)"

  for k in $(seq "$silos"); do start_silo "$k"; done
  for k in $(seq "$silos"); do wait_healthy "silo $k" "http://127.0.0.1:$(cat "$dir/silo-$k.http")/health" "$dir/silo-$k.pid"; done

  ConnectionStrings__Redis="$(redis_url)" Orleans__ServiceId="$service_id" Orleans__ClusterId="$cluster_id" \
  Urls="http://127.0.0.1:$http_port" \
    nohup dotnet "$web_dll" --contentRoot "$root/WebFrontend" > "$dir/frontend.log" 2>&1 < /dev/null &
  record_pid "$dir/frontend.pid" $!
  echo "$http_port" > "$dir/frontend.http"
  wait_healthy "frontend" "http://127.0.0.1:$http_port/health" "$dir/frontend.pid"
  trap - EXIT
  echo "Cluster is up with $silos silo(s). Frontend: http://127.0.0.1:$http_port"
}

cmd_add_silo() {
  alive "$dir/redis.pid" || die "no cluster is running from $dir"
  local k; k=$(next_silo_index)
  start_silo "$k"
  wait_healthy "silo $k" "http://127.0.0.1:$(cat "$dir/silo-$k.http")/health" "$dir/silo-$k.pid"
  echo "silo $k joined"
}

cmd_kill_silo() {
  local k="${1:-}"
  [[ "$k" =~ ^[1-9][0-9]*$ ]] || die "usage: kill-silo K"
  alive "$dir/silo-$k.pid" || die "silo $k is not running"
  kill -9 "$(cat "$dir/silo-$k.pid")"
  echo "silo $k killed (SIGKILL)"
}

cmd_status() {
  [ -f "$dir/redis.port" ] || die "no cluster state in $dir"
  local f name seen=0
  for f in "$dir"/redis.pid "$dir"/silo-*.pid "$dir"/frontend.pid; do
    [ -f "$f" ] || continue
    seen=1
    name=$(basename "$f" .pid)
    if alive "$f"; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: stopped"; fi
  done
  [ "$seen" = 1 ] || echo "stopped: no process of the cluster in $dir is running"
  if alive "$dir/redis.pid"; then
    echo "cluster members (from Redis):"
    redis-cli -p "$(cat "$dir/redis.port")" --raw HGETALL "$service_id/members/$cluster_id" | { grep '^{' || true; } | while read -r entry; do
      local address status silo_name
      address=$(echo "$entry" | sed -n 's/^{"SiloAddress":{"SiloAddress":"\([^"]*\)".*/\1/p')
      status=$(echo "$entry" | sed -n 's/.*"Status":\([0-9]*\).*/\1/p')
      silo_name=$(echo "$entry" | sed -n 's/.*"SiloName":"\([^"]*\)".*/\1/p')
      case "$status" in 1) status=created ;; 2) status=joining ;; 3) status=active ;; 4) status=shutting-down ;; 5) status=stopping ;; 6) status=dead ;; esac
      echo "  $address $silo_name $status"
    done
  fi
}

stop_pid() { # pidfile
  local f="$1" pid
  alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f" "${f%.pid}.started"
}

cmd_stop() {
  [ -d "$dir" ] || { echo "nothing to stop"; return; }
  stop_pid "$dir/frontend.pid"
  local f
  for f in "$dir"/silo-*.pid; do [ -f "$f" ] && stop_pid "$f"; done
  stop_pid "$dir/redis.pid"
  echo "cluster stopped (state and logs kept in $dir)"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  add-silo) cmd_add_silo ;;
  kill-silo) shift; cmd_kill_silo "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
