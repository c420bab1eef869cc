#!/usr/bin/env bash
# The picture import (issue 16): 1,000 articles, each with its own 3,000 x 2,000 JPEG as its hero, imported cold
# (empty store and variant cache) and then restarted with nothing changed, against the same articles without
# pictures in the same run. Start to the first 200 on /, the import's own log figure, and peak RSS.
#
# Usage: bash bench/picture-import.sh     (writes the "## Picture import" section of bench/RESULTS.md)
#   PI_ARTICLES=1000   corpus size
#   PI_ROUNDS=3        restarts of each, alternating
#   PI_RESTARTS_ONLY=1 measure only the restarts, on the stores an earlier run left in PI_WORK
#   PI_PORT=5710       the app's port on 127.0.0.1
#   PI_WORK=DIR        where the corpus, the build and the stores go (default: a new temp folder; a corpus left
#                      there by an earlier run is reused)
#   PI_ENCODE_WAIT=0   seconds the cold run with pictures may stay up to let its encoder make every variant before the
#                      restart (one thread makes about 0.3-0.5 pictures' worth of 15 variants a second here, so 1,000
#                      pictures take most of an hour); 0 (the default) restarts at once, and the restart makes the
#                      missing variants beside its start
set -euo pipefail
cd "$(dirname "$0")/.."
# The app's environment, as a deployment sets it (deploy/runtime.env).
mapfile -t RUNTIME_ENV < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' deploy/runtime.env)
N=${PI_ARTICLES:-1000}
PORT=${PI_PORT:-5710}
WORK=${PI_WORK:-$(mktemp -d -t newsfeed-pictures-XXXXXX)}
BASE=http://127.0.0.1:$PORT
mkdir -p "$WORK"

if [[ ! -d $WORK/plain ]]; then
  python3 bench/corpus/generate.py "$N" "$WORK/plain" >/dev/null
fi
if [[ ! -d $WORK/photos/images ]]; then
  echo "making $N photographs" >&2
  dotnet run bench/make-photo-corpus.cs "$WORK/plain" "$WORK/photos" >&2
fi

echo "publishing to $WORK/app" >&2
# As bench/run.sh publishes it (deploy/publish.sh), so the rows compare with its import rows.
bash deploy/publish.sh "$WORK/app" >"$WORK/publish.log"

peak_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# measure NAME CORPUS STORE [ENCODE]: one start, to the first 200 and the import's summary line; prints a table row.
# With ENCODE, the process then stays up until the background encoder has made every variant ("variants made").
measure() {
  local name=$1 corpus=$2 store=$3 encode=${4:-0} started pid wall ms peak made="" 
  started=$(date +%s.%N)
  (cd "$WORK/app" && exec env "${RUNTIME_ENV[@]}" ./NewsFeed.Web --urls "$BASE" "--ConnectionStrings:NewsFeed=Data Source=$store/newsfeed.db" \
    "--NewsFeed:SeedsPath=$corpus" --Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
    >"$WORK/$name.log" 2>&1) &
  pid=$!
  for _ in $(seq 1200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/" || true) == 200 ]] && break
    sleep 0.1
  done
  wall=$(echo "$(date +%s.%N) - $started" | bc)
  for _ in $(seq 600); do
    grep -q 'Seed import of' "$WORK/$name.log" && break
    sleep 0.1
  done
  ms=$(grep -a -o -E 'problems in [0-9]+ ms' "$WORK/$name.log" | grep -o -E '[0-9]+' | head -1)
  peak=$(peak_mb "$pid")
  if (( encode )); then
    for _ in $(seq $(( PI_ENCODE_WAIT * 2 ))); do
      grep -q 'variants made' "$WORK/$name.log" && break
      sleep 0.5
    done
    made=$(grep -a -o -E '[0-9,]+ variants made in [0-9:.]+' "$WORK/$name.log" | head -1 || true)
    echo "$name: ${made:-the variants were not all made in time}" >&2
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '| %s | %.2f | %s | %s |\n' "$name" "$wall" "${ms:-?}" "$peak"
}

if [[ ${PI_RESTARTS_ONLY:-0} == 1 ]]; then
  # The stores and variant cache of an earlier run in PI_WORK: only the restarts are measured again (a quiet moment
  # for them, without an hour of encoding first).
  [[ -f $WORK/store-photos/newsfeed.db && -f $WORK/store-plain/newsfeed.db ]] || { echo "PI_RESTARTS_ONLY needs an earlier run's stores in $WORK" >&2; exit 1; }
else
  rm -rf "$WORK/store-plain" "$WORK/store-photos"
  mkdir -p "$WORK/store-plain" "$WORK/store-photos"
fi
# The restarts alternate, PI_ROUNDS times each (default 3), so a busy moment on the machine falls on both; the
# report keeps each round's row and the median of the wall times.
ROUNDS=${PI_ROUNDS:-3}
rows=$(
  if [[ ${PI_RESTARTS_ONLY:-0} != 1 ]]; then
    measure "without pictures, cold" "$WORK/plain" "$WORK/store-plain"
    measure "with pictures, cold" "$WORK/photos" "$WORK/store-photos" "$(( ${PI_ENCODE_WAIT:-0} > 0 ? 1 : 0 ))"
  fi
  for round in $(seq "$ROUNDS"); do
    measure "without pictures, restart $round" "$WORK/plain" "$WORK/store-plain"
    measure "with pictures, restart $round" "$WORK/photos" "$WORK/store-photos"
  done
)
median() { grep "| $1 restart" <<<"$rows" | awk -F'|' '{ print $3 }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
rows+=$'\n'"| median restart without pictures | $(median 'without pictures,') | | |"
rows+=$'\n'"| median restart with pictures | $(median 'with pictures,') | | |"
echo "$rows" >&2

made=$(grep -a -o -E '[0-9,]+ variants made in [0-9:.]+' "$WORK/with pictures, cold.log" | head -1 || true)
[[ -n $made ]] || made="$(find "$WORK/store-photos" -type f \( -name '*.avif' -o -name '*.webp' -o -name '*.jpg' -o -name '*.png' \) | wc -l) variant files in the cache when the runs ended, short of every variant (the cold run stopped at its first 200)"
python3 - "$rows" "$N" "$(git rev-parse --short HEAD)" "$(du -sb "$WORK/photos/images" | cut -f1)" "$made" <<'PY'
import re, sys, datetime
rows, n, commit, size, made = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
report = "\n".join([
    "## Picture import",
    "",
    f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}",
    f"- Command: `bash bench/picture-import.sh`: {n} articles of the bench corpus, each with its own 3,000 x 2,000 JPEG"
    f" ({size / int(n) / 1e6:.1f} MB on average, {size / 1e9:.2f} GB in all) as its hero; the same articles without"
    " pictures in the same run, ReadyToRun build as in bench/run.sh.",
    f"- Variants before the restart: {made}. The restart opens no picture (the catalog knows every file by size and time)"
    " and encodes nothing already made; variants the cold run had not made yet are made beside the restart's start,"
    " on one thread, and compete with it for the two cores.",
    "",
    "| Run (start to first 200 on /) | Wall (s) | Import log (ms) | Peak RSS (MB) |",
    "| --- | ---: | ---: | ---: |",
    rows,
    "",
])
path = "bench/RESULTS.md"
text = open(path).read()
text = re.sub(r"\n## Picture import\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip("\n") + "\n\n" + report
open(path, "w").write(text)
PY
echo "wrote bench/RESULTS.md (Picture import)" >&2
