#!/usr/bin/env bash
# NewsFeed benchmark: import vs Hugo, then pages under wrk next to Kestrel-from-memory and nginx references.
# Usage: bash bench/run.sh [--quick]      (see bench/README.md; writes bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
# Pinned rows: the server on core 0 and wrk on core 1 (steadier on a shared machine than both on both cores).
# Off where taskset or a second core is missing; BENCH_PINNED=0 turns them off.
PINNED=${BENCH_PINNED:-1}
if ! command -v taskset >/dev/null || (( $(nproc) < 2 )); then PINNED=0; fi
PIN_SERVER=(); PIN_WRK=()
WORK=${BENCH_WORK:-/tmp/newsfeed-bench}
SIZES=(${BENCH_SIZES:-1000 10000})
if (( QUICK )); then DURATION=3s; ROUNDS=1; else DURATION=5s; ROUNDS=3; fi
# Warm-up per row before its rounds: a restarted .NET process on a saturated core takes many seconds to finish tiered
# compilation (its background JIT competes with the requests), and an uncached page is mostly code, not I/O.
# 30 s: after 10 s the uncached article measured 2,175 RPS, after 30 s 2,600-3,000 (same build, same store).
WARMUP=${BENCH_WARMUP:-30}
THREADS=2
CONNS=32
APP_PORT=5401; REF_PORT=5402; NGINX_PORT=5403
RAW=$WORK/raw.tsv
PIDS=()

# BENCH_POSTGRES: a PostgreSQL server connection string (Npgsql form, a user who may create databases). The app then
# runs on PostgreSQL, a database per store below (dropped first, so a cold import is cold), and the report goes to
# bench/RESULTS-postgres.md. Unset: SQLite files under $WORK, report in bench/RESULTS.md.
PG=${BENCH_POSTGRES:-}
REPORT=bench/RESULTS.md
[[ -n $PG ]] && REPORT=bench/RESULTS-postgres.md
PG_DATABASES=()
if [[ -n $PG ]]; then
  command -v psql >/dev/null || { echo "bench: psql is missing (apt-get install -y postgresql-client)" >&2; exit 2; }
  # psql reads the same server, user and password from its environment.
  eval "$(python3 - "$PG" <<'PY'
import shlex, sys
names = {"host": "PGHOST", "server": "PGHOST", "port": "PGPORT", "username": "PGUSER", "user id": "PGUSER", "password": "PGPASSWORD"}
for part in sys.argv[1].split(";"):
    if "=" in part:
        key, value = part.split("=", 1)
        if key.strip().lower() in names:
            print(f"export {names[key.strip().lower()]}={shlex.quote(value.strip())}")
PY
)"
fi

# store_args PATH: the app's store options for a store named by PATH (a SQLite file, or a PostgreSQL database).
# pg_name PATH: the PostgreSQL database standing for the SQLite file PATH (db-10000/newsfeed.db -> newsfeed_bench_db_10000_newsfeed).
pg_name() { local name="newsfeed_bench_$(basename "$(dirname "$1")")_$(basename "$1" .db)"; echo "${name//-/_}"; }

store_args() {
  if [[ -n $PG ]]; then
    STORE=(--NewsFeed:Database:Provider=Postgres "--ConnectionStrings:NewsFeed=$PG;Database=$(pg_name "$1")")
  else
    STORE=("--ConnectionStrings:NewsFeed=Data Source=$1")
  fi
}

# fresh_store PATH: an empty store for a cold start.
fresh_store() {
  if [[ -n $PG ]]; then
    local name
    name=$(pg_name "$1")
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null
    PG_DATABASES+=("$name")
  else
    rm -f "$1" "$1-wal" "$1-shm"
  fi
}

cleanup() {
  for name in "${PG_DATABASES[@]}"; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

for tool in wrk nginx hugo python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk nginx hugo)" >&2; exit 2; }
done

mkdir -p "$WORK"
: > "$RAW"
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

log "publishing the app and the Kestrel reference (Release)"
# As a deployment publishes it (deploy/publish.sh): precompiled code shortens the path to the first page.
bash deploy/publish.sh "$WORK/app" >/dev/null
dotnet publish bench/static-reference -c Release -o "$WORK/ref" -v q --nologo >/dev/null

now() { date +%s.%N; }
peak_rss_kb() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
# CPU seconds (user + system) the process used so far: on a shared machine, a fairer figure than wall time.
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }

# The app's environment, as a deployment sets it (deploy/runtime.env; README, "Deployment").
mapfile -t RUNTIME_ENV < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' deploy/runtime.env)
APP_ENV=(ASPNETCORE_ENVIRONMENT=Production "${RUNTIME_ENV[@]}")

# start_app SEEDS DB CACHE LOG: the published app, its own working directory as content root, request logs off
# (a console line per request would measure the terminal, not the site).
start_app() {
  port_free "$APP_PORT"
  store_args "$2"
  (cd "$WORK/app" && exec env "${APP_ENV[@]}" "${PIN_SERVER[@]}" ./NewsFeed.Web --urls "http://127.0.0.1:$APP_PORT" \
      --NewsFeed:SeedsPath="$1" "${STORE[@]}" --NewsFeed:OutputCache:Enabled="$3" \
      --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning) > "$4" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
}

wait_200() {
  local url=$1 deadline=$(( $(date +%s) + 900 ))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "bench: the app exited; see its log" >&2; exit 1; }
    (( $(date +%s) < deadline )) || { echo "bench: $url never answered 200" >&2; exit 1; }
    sleep 0.05
  done
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# wait_log FILE PATTERN COUNT: until FILE has COUNT lines matching PATTERN (the app's own log figures).
wait_log() {
  local deadline=$(( $(date +%s) + 900 ))
  until (( $(grep -a -c -E "$2" "$1" || true) >= $3 )); do
    kill -0 "$APP_PID" 2>/dev/null || { echo "bench: the app exited; see $1" >&2; exit 1; }
    (( $(date +%s) < deadline )) || { echo "bench: no '$2' in $1" >&2; exit 1; }
    sleep 0.05
  done
}

# measure_change N CORPUS DB: preview mode with the file watcher; one article is saved 5 times, and each
# "Seed change" log line gives the re-import's own time (read, validate, write, evict). The file is put back.
measure_change() {
  local n=$1 corpus=$2 db=$3 file log=$WORK/app-change-$1.log i
  file=$(ls "$corpus"/article-*.md | sed -n "$(( n / 3 ))p")
  cp "$file" "$WORK/saved.md"
  port_free "$APP_PORT"
  fresh_store "$db"
  store_args "$db"
  (cd "$WORK/app" && exec env "${APP_ENV[@]}" ./NewsFeed.Web --urls "http://127.0.0.1:$APP_PORT" \
      --NewsFeed:SeedsPath="$corpus" "${STORE[@]}" --NewsFeed:Preview=true \
      --NewsFeed:Preview:Watch=true --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning) > "$log" 2>&1 &
  APP_PID=$!; PIDS+=("$APP_PID")
  wait_200 "http://127.0.0.1:$APP_PORT/"
  wait_log "$log" 'problems in [0-9]* ms' 1
  for i in 1 2 3 4 5; do
    printf '\nAn edit saved for the benchmark, number %s.\n' "$i" >> "$file"
    wait_log "$log" 'Seed change .* in [0-9]* ms' "$i"
    sleep 0.5
  done
  cp "$WORK/saved.md" "$file"
  wait_log "$log" 'Seed change .* in [0-9]* ms' 6
  grep -a -o -E 'Seed change .* in [0-9]+ ms' "$log" | head -5 | grep -o -E '[0-9]+ ms$' | grep -o -E '[0-9]+' \
    | while read -r ms; do printf 'change\t%s\t%s\n' "$n" "$ms" >> "$RAW"; done
  stop "$APP_PID"
  log "$n: re-import of one changed file: $(grep -a -o -E 'Seed change .* in [0-9]+ ms' "$log" | head -5 | grep -o -E '[0-9]+ ms$' | tr '\n' ' ')"
}

# Refuses a port something else answers on: wait_200 would otherwise time that process, not ours.
port_free() {
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then
    echo "bench: 127.0.0.1:$1 is already in use; stop what listens there first" >&2
    exit 1
  fi
}

for port in $APP_PORT $REF_PORT $NGINX_PORT; do port_free "$port"; done

# import N RUN: time from process start to the first 200 on /, the import's own log figure and peak RSS.
measure_start() {
  local n=$1 run=$2 corpus=$3 db=$4 started
  started=$(now)
  start_app "$corpus" "$db" true "$WORK/app-$n.log"
  wait_200 "http://127.0.0.1:$APP_PORT/"
  local wall ms
  wall=$(echo "$(now) - $started" | bc)
  # On a store with content the startup import runs behind the first page: wait for its figure.
  wait_log "$WORK/app-$n.log" 'problems in [0-9]* ms' 1
  ms=$(grep -a -o 'problems in [0-9]* ms' "$WORK/app-$n.log" | tail -1 | grep -o '[0-9]*' | head -1 || true)
  printf 'import\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$run" "$wall" "${ms:-?}" "$(peak_rss_kb "$APP_PID")" "$(cpu_s "$APP_PID")" >> "$RAW"
  stop "$APP_PID"
  log "$n: $run in ${wall}s (import ${ms:-?} ms)"
}

for n in "${SIZES[@]}"; do
  corpus=$WORK/corpus-$n
  # A corpus left by an earlier run is reused only if the same generator wrote it.
  stamp=$(sha256sum bench/corpus/generate.py | cut -d' ' -f1)
  if [[ ! -d $corpus || $(cat "$corpus.generator" 2>/dev/null) != "$stamp" ]]; then
    log "generating $n articles"
    rm -rf "$corpus"
    python3 bench/corpus/generate.py "$n" "$corpus" >/dev/null
    echo "$stamp" > "$corpus.generator"
  fi
  rm -rf "$WORK/db-$n"; mkdir -p "$WORK/db-$n"
  fresh_store "$WORK/db-$n/newsfeed.db"
  measure_start "$n" "cold import (start to first 200)" "$corpus" "$WORK/db-$n/newsfeed.db"
  measure_start "$n" "restart, nothing changed (start to first 200)" "$corpus" "$WORK/db-$n/newsfeed.db"
  measure_change "$n" "$corpus" "$WORK/db-$n/preview.db"

  rm -rf "$WORK/hugo-$n"
  started=$(now)
  /usr/bin/time -v -o "$WORK/hugo-$n.time" hugo --source bench/hugo --contentDir "$corpus" --destination "$WORK/hugo-$n" --quiet
  wall=$(echo "$(now) - $started" | bc)
  printf 'import\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "hugo build" "$wall" "-" "$(awk -F': ' '/Maximum resident/ { print $2 }' "$WORK/hugo-$n.time")" \
    "$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/hugo-$n.time")" >> "$RAW"
  log "$n: hugo in ${wall}s"
done

# Load, on the largest corpus.
n=${SIZES[-1]}
corpus=$WORK/corpus-$n
db=$WORK/db-$n/newsfeed.db
article=$(basename "$(ls "$corpus"/article-*.md | sed -n "$(( n / 2 ))p")" .md)
last=$(( (n + 19) / 20 ))
declare -A TARGETS=(
  ["article"]="/articles/$article"
  ["feed page 1"]="/"
  ["feed page $last (last)"]="/page/$last"
  ["rss feed"]="/feed.xml"
  ["search"]="/search?q=harbour"
)
ORDER=("article" "feed page 1" "feed page $last (last)" "rss feed" "search")

# warm_up URL CODING SECONDS: a discarded run, so every row is measured at steady state (tiered JIT, first renders).
warm_up() { "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNS" -d"${3:-2}s" -H "Accept-Encoding: $2" "$1" >/dev/null 2>&1 || true; }

# wrk_rounds TARGET MODE URL [Accept-Encoding]
wrk_rounds() {
  local target=$1 mode=$2 url=$3 coding=${4:-identity} r
  for (( r = 1; r <= ROUNDS; r++ )); do
    "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "Accept-Encoding: $coding" "$url" > "$WORK/wrk.out" 2>&1 || true
    python3 - "$target" "$mode" "$WORK/wrk.out" >> "$RAW" <<'PY'
import re, sys
target, mode, path = sys.argv[1:]
text = open(path).read()
def ms(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if non2xx: print(f"note\t{target} {mode}: {non2xx.group(1)} non-2xx responses")
print(f"wrk\t{target}\t{mode}\t{rps.group(1) if rps else 0}\t{ms('50')}\t{ms('99')}")
PY
  done
}

# start_reference: Kestrel answering $WORK/static/article.html from memory (bench/static-reference), as REF_PID.
start_reference() {
  port_free "$REF_PORT"
  (exec "${PIN_SERVER[@]}" "$WORK/ref/StaticReference" "$WORK/static/article.html" --urls "http://127.0.0.1:$REF_PORT") > "$WORK/ref.log" 2>&1 &
  REF_PID=$!; PIDS+=("$REF_PID")
  APP_PID=$REF_PID wait_200 "http://127.0.0.1:$REF_PORT/"
}

# load_runs SUFFIX: the app cached and uncached, then the references, each row's mode ending in SUFFIX ("" or
# " pinned"). With PIN_SERVER/PIN_WRK set, the servers run on core 0 and wrk on core 1.
load_runs() {
  local suffix=$1 workers=2
  (( ${#PIN_SERVER[@]} )) && workers=1
  for cache in true false; do
    label=$([[ $cache == true ]] && echo cached || echo uncached)
    start_app "$corpus" "$db" "$cache" "$WORK/app-load-$cache$suffix.log"
    wait_200 "http://127.0.0.1:$APP_PORT/"
    # Steady state, not start-up: the restart's import (which runs behind the first pages) has finished, and each
    # target gets a discarded warm-up run below (tiered JIT, the first render of each cached entry).
    wait_log "$WORK/app-load-$cache$suffix.log" 'problems in [0-9]* ms' 1
    if [[ $cache == true ]]; then
      mkdir -p "$WORK/static"
      curl -s "http://127.0.0.1:$APP_PORT${TARGETS[article]}" -o "$WORK/static/article.html"
      gzip -9 -k -f "$WORK/static/article.html"
      # A cached page is held against Kestrel serving the article's bytes from memory in the same minutes: each of
      # its rounds follows one round of the reference (started beside the app, idle while the app is measured).
      # Against the reference's rows measured minutes later, a cached row swung with the machine (73.5 % to 97 %).
      start_reference
      for coding in identity gzip; do warm_up "http://127.0.0.1:$REF_PORT/" "$coding" "$WARMUP"; done
    fi
    # Uncached, every page shares the layout's and the store's code: each target is warmed once before the first
    # row, so that row does not carry the start's compilation (pinned on one core, the first row measured a
    # fifth of the next after its own 30 s warm-up).
    if [[ $cache == false ]]; then
      for t in "${ORDER[@]}"; do warm_up "http://127.0.0.1:$APP_PORT${TARGETS[$t]}" identity 10; done
    fi
    for t in "${ORDER[@]}"; do
      url="http://127.0.0.1:$APP_PORT${TARGETS[$t]}"
      [[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]] || { echo "bench: $url is not 200" >&2; exit 1; }
      for coding in identity gzip; do
        (( QUICK )) && [[ $cache == false && $coding == gzip ]] && continue
        warm_up "$url" "$coding" "$([[ $cache == true ]] && echo 2 || echo "$WARMUP")"
        log "wrk $t ($label, $coding$suffix)"
        if [[ $cache == true ]]; then
          warm_up "http://127.0.0.1:$REF_PORT/" "$coding"
          for (( round = 1; round <= ROUNDS; round++ )); do
            ROUNDS=1 wrk_rounds "reference page" "kestrel-memory $coding$suffix, beside $t" "http://127.0.0.1:$REF_PORT/" "$coding"
            ROUNDS=1 wrk_rounds "$t" "$label $coding$suffix" "$url" "$coding"
          done
        else
          wrk_rounds "$t" "$label $coding$suffix" "$url" "$coding"
        fi
      done
    done
    if [[ $cache == true ]]; then stop "$REF_PID"; fi
    printf 'note\tmemory of the app after the %s%s load runs: RSS %s MB, peak RSS since start (import included) %s MB\n' "$label" "$suffix" \
      "$(( $(rss_kb "$APP_PID") / 1024 ))" "$(( $(peak_rss_kb "$APP_PID") / 1024 ))" >> "$RAW"
    stop "$APP_PID"
  done

  log "references$suffix: Kestrel from memory, nginx static file ($(stat -c %s "$WORK/static/article.html") bytes)"
  start_reference
  for coding in identity gzip; do
    warm_up "http://127.0.0.1:$REF_PORT/" "$coding" "$WARMUP"
    wrk_rounds "reference page" "kestrel-memory $coding$suffix" "http://127.0.0.1:$REF_PORT/" "$coding"
  done
  stop "$REF_PID"

  cat > "$WORK/nginx.conf" <<NGINX
worker_processes $workers;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx-tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
    gzip_static on;
    gzip_vary on;
    default_type "text/html; charset=utf-8";
    location / { try_files /article.html =404; }
  }
}
NGINX
  mkdir -p "$WORK/nginx-tmp"
  port_free "$NGINX_PORT"
  (exec "${PIN_SERVER[@]}" nginx -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;') > "$WORK/nginx.log" 2>&1 &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  APP_PID=$NGINX_PID wait_200 "http://127.0.0.1:$NGINX_PORT/"
  for coding in identity gzip; do
    warm_up "http://127.0.0.1:$NGINX_PORT/" "$coding"
    wrk_rounds "reference page" "nginx $coding$suffix" "http://127.0.0.1:$NGINX_PORT/" "$coding"
  done
  stop "$NGINX_PID"
}

load_runs ""
if (( PINNED )); then
  PIN_SERVER=(taskset -c 0); PIN_WRK=(taskset -c 1); THREADS=1
  load_runs " pinned"
  THREADS=2
fi

cmd="bash bench/run.sh"
(( QUICK )) && cmd+=" --quick"
[[ -n $PG ]] && cmd="BENCH_POSTGRES=... $cmd"
if [[ -n $PG ]]; then store_line="PostgreSQL $(psql -X -A -t -d postgres -c 'SHOW server_version' | cut -d' ' -f1) on loopback (same machine)"; else store_line="SQLite (a file under $WORK)"; fi
header="# Benchmark results

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)
- Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo) RAM, shared with other work
- Store: $store_line
- Command: \`$cmd\` (wrk -t$THREADS -c$CONNS -d$DURATION after a ${WARMUP} s warm-up per uncached row, $ROUNDS round(s) per row, loopback; corpus sizes ${SIZES[*]})
- Pinned rows: $( (( PINNED )) && echo "server (app, Kestrel reference, one nginx worker) on core 0 with taskset, wrk -t1 on core 1" || echo "none (no taskset or one core)")
- .NET SDK $(dotnet --version || true), $(hugo version | cut -d' ' -f1-2 || true), $(nginx -v 2>&1 | cut -d' ' -f3 || true), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)"
# bench/lighthouse.sh and bench/picture-import.sh write sections of their own ("## Pictures", "## Picture import")
# into bench/RESULTS.md: the new report keeps them.
pictures=$(awk '/^## /{ keep = ($0 == "## Pictures" || $0 == "## Picture import") } keep' "$REPORT" 2>/dev/null || true)
python3 bench/summarize.py "$RAW" "$header" | tee "$REPORT"
if [[ -n $pictures ]]; then printf '\n%s\n' "$pictures" >> "$REPORT"; fi
