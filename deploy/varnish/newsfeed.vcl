# Varnish in front of NewsFeed instances (Debian: apt-get install varnish varnish-modules).
# Every cacheable NewsFeed response carries its dependency keys in an `xkey` header; after each content change
# every instance sends `PURGE /` with `xkey-purge: <keys>` (NewsFeed:OutputCache:PurgeUrls), and this VCL drops
# exactly the objects that carry one of those keys. The key `all` is on every object (a purge of everything).
# Run: varnishd -a 127.0.0.1:6081 -f deploy/varnish/newsfeed.vcl -s malloc,256m -p http_resp_hdr_len=32k -p http_resp_size=64k
# (a feed lists the keys of its 50 articles: with long slugs its xkey header outgrows Varnish's default 8 KB limit).
vcl 4.1;

import directors;
import xkey;

# The NewsFeed instances; edit hosts and ports to match the deployment.
backend instance1 {
    .host = "127.0.0.1";
    .port = "8081";
    .probe = { .url = "/healthz/live"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

backend instance2 {
    .host = "127.0.0.1";
    .port = "8082";
    .probe = { .url = "/healthz/live"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

# Who may purge: the instances. Readers' PURGE requests are refused.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new instances = directors.round_robin();
    instances.add_backend(instance1);
    instances.add_backend(instance2);
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header names the keys to purge"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }

    set req.backend_hint = instances.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Health answers are per instance and never cached.
    if (req.url ~ "^/healthz/") {
        return (pass);
    }
    # Public pages set no cookies and read none: a reader's cookies must not split the cache.
    unset req.http.Cookie;
    unset req.http.Authorization;
}

sub vcl_backend_response {
    # NewsFeed's Cache-Control says how long a shared cache may keep a page (s-maxage) and serve it stale while it
    # fetches a new one (stale-while-revalidate); Varnish reads both. Purges end a page's life sooner.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_deliver {
    # The keys are for this cache; readers do not need them.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
