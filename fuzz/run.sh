#!/usr/bin/env bash
# Runs one coverage-guided fuzz target under afl-fuzz for a while: fuzz/README.md.
#   bash fuzz/run.sh TARGET [MINUTES]       TARGET: front-matter | text-page | markdown | search-query (default 10 minutes)
# Installs what it needs (Debian's afl++, the sharpfuzz tool into fuzz/.tools), publishes the harness, instruments
# our assemblies and the parsers they call, and fuzzes from a corpus made of seeds/. Findings: fuzz/findings/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: bash fuzz/run.sh front-matter|text-page|markdown|search-query [MINUTES]}
minutes=${2:-10}
case "$target" in front-matter|text-page|markdown|search-query) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

if ! command -v afl-fuzz >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q afl++ </dev/null
fi
if [ ! -x fuzz/.tools/sharpfuzz ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path fuzz/.tools
fi

out=fuzz/out/$target
rm -rf "$out"
dotnet publish fuzz/NewsFeed.Fuzz -c Release -o "$out" -p:UseAppHost=true >/dev/null
# Instrument what parses the input: our readers and the libraries they hand text to.
for dll in NewsFeed.Web.dll YamlDotNet.dll Markdig.dll; do
  fuzz/.tools/sharpfuzz "$out/$dll"
done

corpus=fuzz/corpus/$target
rm -rf "$corpus"
mkdir -p "$corpus"
case "$target" in
  front-matter) cp seeds/*.md seeds/*.yml seeds/authors/*.md "$corpus"/ ;;
  text-page) cp seeds/*.txt "$corpus"/ ;;
  markdown) for f in seeds/*.md; do awk 'n>=2{print} /^---/{n++}' "$f" > "$corpus/$(basename "$f")"; done ;;
  # Queries a reader might type, and the hostile ones the search tests name.
  search-query) i=0; for q in 'harbour' 'lighth keeperz' '"exact phrase"' 'state-of-the-ar' 'Київ ä 東京' '"unclosed phrase' 'NEAR(a b)' '-harbour*' "м'ясо м’ясо"; do
      i=$((i + 1)); printf '%s' "$q" > "$corpus/query-$i"; done ;;
esac
# Inputs a fuzzer once broke start every later run (fuzz/regressions/TARGET, kept as tests too).
[ -d "fuzz/regressions/$target" ] && cp fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true

findings=fuzz/findings/$target
mkdir -p "$findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
resume=-
[ -f "$findings/default/fuzzer_stats" ] || resume="$corpus"
afl-fuzz -i "$resume" -o "$findings" -t 10000 -m none -V $((minutes * 60)) -- "$out/NewsFeed.Fuzz" "$target" || true

stats=$findings/default/fuzzer_stats
if [ -f "$stats" ]; then
  awk -F' *: *' '$1 ~ /^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)$/ { printf "%s: %s\n", $1, $2 }' "$stats"
fi
crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "$target: $crashes crashing inputs in $findings/default/crashes (replay: $out/NewsFeed.Fuzz $target --replay FILE)"
