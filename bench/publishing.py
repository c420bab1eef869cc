#!/usr/bin/env python3
"""The publishing run's driver (bench/publishing.sh starts the app, and Varnish for --varnish).

    publishing.py BASE_URL CORPUS APP_LOG SECONDS EDIT_EVERY OUT_JSON

Warms the cache with every article page and the first 20 feed pages, then for SECONDS runs wrk (2 threads,
32 connections) over 1,000 article URLs while an article's body is edited every EDIT_EVERY seconds. After each
edit has been imported (the app logs one "Content change" line per change), it probes 2,000 other warmed article
pages and the 20 feed pages with HEAD (every other edit is of an article under load): an answer from a cache (an Age header from NewsFeed, X-Cache: HIT from
Varnish) means the entry survived the edit. wrk's Lua script counts the same way for the hit ratio under load.
"""
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

base, corpus, app_log, seconds, every, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
url = urlparse(base)
files = sorted(corpus.glob("article-*.md"))
slugs = {}
for f in files:
    m = re.search(r"^slug: (\S+)$", f.read_text(encoding="utf-8"), re.M)
    slugs[f] = m.group(1)
articles = [f"/articles/{s}" for s in slugs.values()]
feed = ["/"] + [f"/page/{n}" for n in range(2, 21)]
rng = random.Random(1)
loaded = rng.sample(articles, min(1000, len(articles) // 2))
rest = [a for a in articles if a not in set(loaded)]
probed = rng.sample(rest, min(2000, len(rest)))


def cached(headers):
    return headers.get("X-Cache") == "HIT" or (headers.get("X-Cache") is None and headers.get("Age") is not None)


def fetch_all(paths, method="GET", threads=4):
    """Requests every path on keep-alive connections; returns how many answers came from a cache."""
    hits = [0]
    lock = threading.Lock()
    chunks = [paths[i::threads] for i in range(threads)]

    def run(chunk):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        n = 0
        for p in chunk:
            conn.request(method, p)
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                raise SystemExit(f"{p}: {r.status}")
            n += cached(r.headers)
        conn.close()
        with lock:
            hits[0] += n

    ts = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return hits[0]


def changes_logged():
    return len(re.findall(r"Content change \(", app_log.read_text(encoding="utf-8", errors="replace")))


started = time.time()
fetch_all(articles + feed)
fetch_all(articles + feed)  # the second pass only hits: every entry is in
warm_s = time.time() - started

lua = Path("/tmp/newsfeed-publishing.lua")
lua.write_text("""
local paths = {%s}
local i = 0
hits, total = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0; total = 0 end
function request() i = i %% #paths + 1; return wrk.format("GET", paths[i]) end
function response(status, headers, body)
  total = total + 1
  if headers["X-Cache"] == "HIT" or (headers["X-Cache"] == nil and headers["Age"] ~= nil) then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, t = 0, 0
  for _, thread in ipairs(threads) do h = h + thread:get("hits"); t = t + thread:get("total") end
  io.write(string.format("HITS %%d %%d\\n", h, t))
end
""" % ",".join(f'"{p}"' for p in loaded))
wrk = subprocess.Popen(["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", str(lua), "--latency", base.rstrip("/") + "/"],
                       stdout=subprocess.PIPE, text=True)

edits = []
seen = changes_logged()
for n in range(1, seconds // every + 1):
    time.sleep(every)
    # Every other edit is of an article under load, so the hit ratio shows what an edit costs the readers.
    pool = [f for f in files if (f"/articles/{slugs[f]}" in set(loaded)) == (n % 2 == 1)]
    f = rng.choice(pool)
    with f.open("a", encoding="utf-8") as h:
        h.write(f"\nA sentence added by edit {n} of the publishing run.\n")
    deadline = time.time() + 30
    while changes_logged() <= seen and time.time() < deadline:
        time.sleep(0.05)
    seen = changes_logged()
    kept_articles = fetch_all(probed, "HEAD")
    kept_feed = fetch_all(feed, "HEAD", threads=1)
    edits.append({"edit": n, "article": slugs[f], "kept_articles": kept_articles / len(probed), "kept_feed_pages": kept_feed / len(feed)})
    print(f"edit {n} ({slugs[f]}): {100 * kept_articles / len(probed):.2f}% of probed article pages and "
          f"{kept_feed}/{len(feed)} feed pages still cached", file=sys.stderr)

output, _ = wrk.communicate()
m = re.search(r"HITS (\d+) (\d+)", output)
rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
result = {
    "articles": len(articles), "warm_seconds": round(warm_s, 1), "seconds": seconds, "edits": edits,
    "hits": int(m.group(1)), "requests": int(m.group(2)), "hit_ratio": int(m.group(1)) / max(1, int(m.group(2))),
    "rps": float(rps.group(1)) if rps else None,
}
Path(out).write_text(json.dumps(result, indent=2))
print(json.dumps(result, indent=2))
