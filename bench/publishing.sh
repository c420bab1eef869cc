#!/usr/bin/env bash
# The publishing run (bench/README.md): 10,000 articles, the cache warmed with every article page and the first 20
# feed pages, then one article edited every 10 s for 60 s under wrk load over 1,000 article URLs. Measures the
# cache's hit ratio during the run and the share of warmed pages still cached after each edit.
#   bash bench/publishing.sh            the app's own page cache
#   bash bench/publishing.sh --varnish  Debian's Varnish (deploy/varnish/newsfeed.vcl) in front of two instances
# The page cache gets a 1 GB budget: 10,000 article pages must all fit, or the run would measure the budget's
# sweep, not what an edit evicts. Writes bench/results/publishing[-varnish].json; installs wrk (and varnish) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# The app's environment, as a deployment sets it (deploy/runtime.env).
mapfile -t RUNTIME_ENV < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' deploy/runtime.env)
VARNISH=0
[[ "${1:-}" == "--varnish" ]] && VARNISH=1
N=${BENCH_SIZE:-10000}
SECONDS_RUN=${BENCH_SECONDS:-60}
WORK=${BENCH_WORK:-/tmp/newsfeed-publishing}
PORT1=5421; PORT2=5422; VPORT=5423
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { printf '[publishing %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

need=(wrk)
(( VARNISH )) && need+=(varnish varnish-modules)
for pkg in "${need[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q "${need[@]}" </dev/null; break; }
done

mkdir -p "$WORK" bench/results
log "publishing the app (deploy/publish.sh)"
bash deploy/publish.sh "$WORK/app" >/dev/null

# A fresh copy of the corpus each run: the run edits its files.
log "generating $N articles"
rm -rf "$WORK/corpus" "$WORK/db"; mkdir -p "$WORK/db"
python3 bench/corpus/generate.py "$N" "$WORK/corpus" >/dev/null

start_app() { # PORT LOG
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production "${RUNTIME_ENV[@]}" ./NewsFeed.Web --urls "http://127.0.0.1:$1" \
    --NewsFeed:SeedsPath="$WORK/corpus" "--ConnectionStrings:NewsFeed=Data Source=$WORK/db/newsfeed.db" \
    --NewsFeed:WatchSeeds=true --NewsFeed:OutputCache:StorePollSeconds=1 --NewsFeed:OutputCache:SizeLimitMegabytes=1024 \
    ${PURGE:+--NewsFeed:OutputCache:PurgeUrls:0=$PURGE} \
    --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning) > "$2" 2>&1 &
  PIDS+=($!)
}
wait_200() { until [[ $(curl -s -o /dev/null -w '%{http_code}' "$1" || true) == 200 ]]; do sleep 0.1; done; }

if (( VARNISH )); then
  PURGE="http://127.0.0.1:$VPORT/"
  start_app $PORT1 "$WORK/app1.log"
  wait_200 "http://127.0.0.1:$PORT1/"
  start_app $PORT2 "$WORK/app2.log"
  wait_200 "http://127.0.0.1:$PORT2/"
  sed -e "s/\"8081\"/\"$PORT1\"/" -e "s/\"8082\"/\"$PORT2\"/" deploy/varnish/newsfeed.vcl > "$WORK/newsfeed.vcl"
  rm -rf "$WORK/varnish"
  /usr/sbin/varnishd -F -j none -a "127.0.0.1:$VPORT" -T none -f "$WORK/newsfeed.vcl" -n "$WORK/varnish" -s malloc,512m -p http_resp_hdr_len=32k -p http_resp_size=64k > "$WORK/varnish.log" 2>&1 &
  PIDS+=($!)
  wait_200 "http://127.0.0.1:$VPORT/"
  # Both instances watch the folder; each edit is imported by one and purged by it, the other follows the store.
  log "warming, then ${SECONDS_RUN}s of load with an edit every 10 s (through Varnish)"
  python3 bench/publishing.py "http://127.0.0.1:$VPORT/" "$WORK/corpus" "$WORK/app1.log" "$SECONDS_RUN" 10 bench/results/publishing-varnish.json
  varnishstat -n "$WORK/varnish" -1 -f MAIN.cache_hit -f MAIN.cache_miss -f MAIN.n_object 2>/dev/null | tee bench/results/varnishstat.txt || true
else
  start_app $PORT1 "$WORK/app1.log"
  wait_200 "http://127.0.0.1:$PORT1/"
  log "warming, then ${SECONDS_RUN}s of load with an edit every 10 s"
  python3 bench/publishing.py "http://127.0.0.1:$PORT1/" "$WORK/corpus" "$WORK/app1.log" "$SECONDS_RUN" 10 bench/results/publishing.json
fi
