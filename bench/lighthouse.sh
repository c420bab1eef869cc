#!/usr/bin/env bash
# Lighthouse on the published app over the repository's own seeds/: mobile, default (simulated) throttling, the
# performance category, on / and on an article with a hero picture; and the bytes of that hero for a 390-pixel-wide
# phone (Lighthouse's mobile pixel ratio, 1.75) against the file in seeds/images/.
#
# Usage: bash bench/lighthouse.sh [ARTICLE_SLUG]     (see bench/README.md, "Pictures"; writes bench/RESULTS.md)
#   LH_RUNS=3        Lighthouse runs per page (the median run by LCP is reported)
#   LH_PORT=5700     the app's port on 127.0.0.1
#   LH_WORK=DIR      where the build, the store, the reports and lighthouse itself go (default: a new temp folder)
#   LIGHTHOUSE=CMD   a lighthouse already installed (default: npm installs lighthouse@12 into the work folder)
#   CHROME_PATH      the browser (default /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SLUG=${1:-how-editors-publish-with-newsfeed}
RUNS=${LH_RUNS:-3}
PORT=${LH_PORT:-5700}
WORK=${LH_WORK:-$(mktemp -d -t newsfeed-lighthouse-XXXXXX)}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
BASE=http://127.0.0.1:$PORT
mkdir -p "$WORK"

APP_PID=
stop() { [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null; true; }
trap stop EXIT

if [[ -z ${LIGHTHOUSE:-} ]]; then
  [[ -x $WORK/lh/node_modules/.bin/lighthouse ]] || npm install --prefix "$WORK/lh" --no-audit --no-fund --loglevel=error lighthouse@12 >&2
  LIGHTHOUSE=$WORK/lh/node_modules/.bin/lighthouse
fi

echo "publishing to $WORK/app" >&2
dotnet publish src/NewsFeed.Web -c Release -o "$WORK/app" >"$WORK/publish.log"
rm -rf "$WORK/store"
mkdir -p "$WORK/store"
# The published folder is the content root (its wwwroot); a fresh store and variant cache beside it.
(cd "$WORK/app" && exec dotnet NewsFeed.Web.dll --urls "$BASE" \
  "--ConnectionStrings:NewsFeed=Data Source=$WORK/store/newsfeed.db" "--NewsFeed:SeedsPath=$ROOT/seeds" \
  "--NewsFeed:Site:BaseUrl=$BASE/" >"$WORK/app.log" 2>&1) &
APP_PID=$!

for _ in $(seq 120); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/" || true) == 200 ]] && break
  sleep 0.5
done
# Measure the pages as readers get them once the background encoder has made every variant (it logs when it is done).
for _ in $(seq 240); do
  grep -q 'variants made' "$WORK/app.log" && break
  sleep 0.5
done
grep 'variants made' "$WORK/app.log" >&2 || { echo "the variants were not made in 2 minutes" >&2; exit 1; }
for path in / "/articles/$SLUG"; do curl -s -o /dev/null "$BASE$path"; done

run() { # name url [extra lighthouse flags]
  local name=$1 url=$2
  shift 2
  "$LIGHTHOUSE" "$url" --only-categories=performance --chrome-flags="$FLAGS" --output=json \
    --output-path="$WORK/$name.json" --quiet "$@"
}

for i in $(seq "$RUNS"); do
  run "home-$i" "$BASE/"
  run "article-$i" "$BASE/articles/$SLUG"
done
# A 390-pixel-wide phone at Lighthouse's own mobile pixel ratio: which variant the srcset gives it, and its size.
run phone "$BASE/articles/$SLUG" --screenEmulation.mobile --screenEmulation.width=390 --screenEmulation.height=844 \
  --screenEmulation.deviceScaleFactor=1.75

SRC=$(sed -n '/^image:/,/^[^ ]/s/^  src: *//p' "seeds/$SLUG.md" | head -1)
COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo "+changes")
python3 - "$WORK" "$RUNS" "$SLUG" "seeds/$SRC" "$COMMIT" "$("$LIGHTHOUSE" --version)" "bash bench/lighthouse.sh $*" <<'EOF'
import datetime, json, os, re, statistics, sys

work, runs, slug, original, commit, version, command = sys.argv[1:]
runs = int(runs)

def read(name):
    with open(os.path.join(work, name + ".json")) as f:
        return json.load(f)

def row(page, name):
    reports = [read(f"{name}-{i}") for i in range(1, runs + 1)]
    by_lcp = sorted(reports, key=lambda r: r["audits"]["largest-contentful-paint"]["numericValue"])
    median = by_lcp[len(by_lcp) // 2]
    a = median["audits"]
    scores = sorted(round(r["categories"]["performance"]["score"] * 100) for r in reports)
    lcps = sorted(r["audits"]["largest-contentful-paint"]["numericValue"] / 1000 for r in reports)
    flagged = sorted(k for k, v in a.items() if v.get("score") is not None and v["score"] < 1
                     and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    spread = f"{scores[0]}" if scores[0] == scores[-1] else f"{scores[0]}-{scores[-1]}"
    return (f"| {page} | {round(median['categories']['performance']['score'] * 100)} ({spread}) "
            f"| {a['largest-contentful-paint']['numericValue'] / 1000:.2f} ({lcps[0]:.2f}-{lcps[-1]:.2f}) "
            f"| {a['cumulative-layout-shift']['numericValue']:.3f} | {a['first-contentful-paint']['numericValue'] / 1000:.2f} "
            f"| {a['total-blocking-time']['numericValue']:.0f} | {a['speed-index']['numericValue'] / 1000:.2f} | {', '.join(flagged) or 'none'} |")

phone = read("phone")
requests = phone["audits"]["network-requests"]["details"]["items"]
lcp_src = re.search(r'src="([^"]+)"', phone["audits"]["largest-contentful-paint-element"]["details"]["items"][0]["items"][0]["node"]["snippet"])
key = re.search(r"/img/([0-9a-f]{20})/", lcp_src.group(1) if lcp_src else "")
hero = [r for r in requests if key and f"/img/{key.group(1)}/" in r["url"]]
original_bytes = os.path.getsize(original)
lines = [
    "## Pictures",
    "",
    f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}",
    f"- Command: `{command.strip()}` (Lighthouse {version}, mobile, simulated throttling, performance only, Chromium headless; "
    f"{runs} runs a page, the median by LCP shown with the range of all runs; the published Release build over `seeds/`, "
    "every variant made before the first run, the page cache warm)",
    "",
    "| Page | Performance | LCP (s) | CLS | FCP (s) | TBT (ms) | Speed Index (s) | Audits below 1 (median run) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    row("`/`", "home"),
    row(f"`/articles/{slug}`", "article"),
    "",
]
for r in hero:
    name = r["url"].rsplit("/img/", 1)[1]
    lines.append(f"- The hero for a 390-pixel-wide phone at device pixel ratio 1.75 (Lighthouse's mobile emulation, "
                 f"`--screenEmulation.width=390`): `/img/{name}`, {r['transferSize']:,} bytes on the wire "
                 f"({r.get('resourceSize', 0):,} bytes of picture), against {original_bytes:,} bytes for `{original}` "
                 f"({100 * r.get('resourceSize', 0) / original_bytes:.1f}%).")
if not hero:
    lines.append("- The hero's request was not found in the phone run.")
report = "\n".join(lines) + "\n"
print(report)

path = "bench/RESULTS.md"
text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
# Replace the section of an earlier run, keep everything else (bench/run.sh keeps this section too).
text = re.sub(r"\n## Pictures\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip("\n") + "\n\n" + report
open(path, "w").write(text)
EOF
