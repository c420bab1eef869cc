#!/usr/bin/env bash
# NewsFeed soak: wrk on loopback over a mix of pages (feed, article, search, feed.xml, a 404) for a bounded time,
# while a seed file is rewritten every few seconds in preview mode. Reports socket errors, 5xx responses and
# the app's memory after warm-up and at the end.
# Usage: bash bench/soak.sh [SECONDS] [CONNECTIONS]      (defaults: 60 64; writes bench/SOAK.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_TOTAL=${1:-60}
CONNS=${2:-64}
PORT=5411
WORK=${SOAK_WORK:-/tmp/newsfeed-soak}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
for tool in wrk curl; do command -v "$tool" >/dev/null || { echo "soak: $tool is missing (apt-get install -y wrk)" >&2; exit 2; }; done
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "soak: 127.0.0.1:$PORT is in use" >&2; exit 1; fi

rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$ROOT/seeds" "$WORK/seeds"
dotnet publish src/NewsFeed.Web -c Release -o "$WORK/app" -v q --nologo >/dev/null

(cd "$WORK/app" && ASPNETCORE_ENVIRONMENT=Production exec ./NewsFeed.Web --urls "http://127.0.0.1:$PORT" \
    --NewsFeed:SeedsPath="$WORK/seeds" --ConnectionStrings:NewsFeed="Data Source=$WORK/newsfeed.db" \
    --NewsFeed:Preview=true \
    --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning) > "$WORK/app.log" 2>&1 &
APP=$!
PIDS+=("$APP")
until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" || true) == 200 ]]; do
  kill -0 "$APP" 2>/dev/null || { echo "soak: the app exited; see $WORK/app.log" >&2; exit 1; }
  sleep 0.1
done

# An editor at work: the same article saved every 3 seconds for the whole run.
(
  i=0
  while true; do
    i=$((i + 1))
    sed "s/^NewsFeed keeps no content of its own\..*/NewsFeed keeps no content of its own. (Save $i.)/" \
      "$ROOT/seeds/how-editors-publish-with-newsfeed.md" > "$WORK/seeds/how-editors-publish-with-newsfeed.md.tmp"
    mv "$WORK/seeds/how-editors-publish-with-newsfeed.md.tmp" "$WORK/seeds/how-editors-publish-with-newsfeed.md"
    sleep 3
  done
) &
PIDS+=("$!")

cat > "$WORK/mix.lua" <<'LUA'
local paths = { "/", "/page/1", "/articles/how-editors-publish-with-newsfeed", "/articles/reading-the-feed",
  "/search?q=feed", "/search?q=preview", "/feed.xml", "/tags/editing", "/no-such-page" }
local i = 0
local fivexx = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
response = function(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("soak-summary requests=%d connect=%d read=%d write=%d timeout=%d status=%d p50ms=%.2f p99ms=%.2f\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP/status"; }
samples="$WORK/rss.tsv"; : > "$samples"
(
  t=0
  while kill -0 "$APP" 2>/dev/null; do echo -e "$t\t$(rss_mb)" >> "$samples"; sleep 5; t=$((t + 5)); done
) &
PIDS+=("$!")

wrk -t2 -c"$CONNS" -d"${SECONDS_TOTAL}s" --timeout 5s -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
sleep 1
# wrk's "status" errors count every non-2xx/3xx answer, the intended 404s included; 5xx are counted from the log.
fivexx=$(grep -cE '" (5[0-9]{2}) |responded 5[0-9]{2}' "$WORK/app.log" || true)
warm=$(awk -F'\t' '$1 == 10 { print $2 }' "$samples"); last=$(tail -n1 "$samples" | cut -f2)
growth=$(awk -v a="${warm:-0}" -v b="${last:-0}" 'BEGIN { if (a > 0) printf "%.1f", (b - a) * 100 / a; else print "?" }')
imports=$(grep -c "Seed change" "$WORK/app.log" || true)
summary=$(grep soak-summary "$WORK/wrk.txt")
{
  echo "# Soak results"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo "- Command: \`bash bench/soak.sh $SECONDS_TOTAL $CONNS\` (wrk -t2 -c$CONNS -d${SECONDS_TOTAL}s, preview mode, a seed saved every 3 s)"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
  echo
  echo "| Figure | Value |"
  echo "| --- | --- |"
  echo "| wrk | \`$summary\` |"
  echo "| non-2xx answers expected (the 404 URL is 1 of 9 in the mix) | $(grep -o 'requests=[0-9]*' "$WORK/wrk.txt" | cut -d= -f2 | awk '{ printf "about %d", $1 / 9 }') |"
  echo "| 5xx responses (app log) | $fivexx |"
  echo "| re-imports during the run | $imports |"
  echo "| RSS after warm-up (10 s) | ${warm:-?} MB |"
  echo "| RSS at the end | ${last:-?} MB |"
  echo "| growth | ${growth}% |"
} > "$ROOT/bench/SOAK.md"
cat "$ROOT/bench/SOAK.md"
