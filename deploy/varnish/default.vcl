vcl 4.1;

# pkgdiff behind Varnish (README "Behind Varnish"): caches what the app marks
# cacheable, load-balances the replicas, purges by surrogate key.
#
# A template for the replica list: the backends between "replicas:begin" and
# "replicas:end", and the add_backend lines between "director:begin" and
# "director:end", are one per replica. Edit them by hand, or write them with
#   node deploy/varnish/render-vcl.mjs 10.0.0.11:3000 10.0.0.12:3000 > /etc/varnish/default.vcl
# As committed it lists two replicas on this machine (ports 3001 and 3002).

import directors;
import std;
import xkey;

# A replica is healthy while /healthz answers 200 (it answers from memory:
# no registry, no disk). Two good probes of the last three make it healthy,
# two failed ones sick; a replica starts sick until its first good probe.
probe healthz {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 1;
}

# replicas:begin
backend replica_1 { .host = "127.0.0.1"; .port = "3001"; .probe = healthz; }
backend replica_2 { .host = "127.0.0.1"; .port = "3002"; .probe = healthz; }
# replicas:end

# Who may PURGE: this machine only, by default (scripts/purge.mjs runs beside Varnish).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new replicas = directors.round_robin();
    # director:begin
    replicas.add_backend(replica_1);
    replicas.add_backend(replica_2);
    # director:end
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "A PURGE names the surrogate keys to purge in its xkey header."));
        }
        # Every object tagged with any of these keys, whatever its URL.
        set req.http.x-purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged"));
    }
    # Replicas copy tarballs from each other there (shared mode); it is not for clients.
    if (req.url ~ "^/api/internal/") {
        return (synth(404, "Not Found"));
    }
    set req.backend_hint = replicas.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Next's client navigations (RSC payloads) vary on request headers we do not key by.
    if (req.http.rsc || req.url ~ "[?&]_rsc=") {
        return (pass);
    }
    # Whole responses only; the replica answers a range itself.
    if (req.http.range || req.http.authorization) {
        return (pass);
    }
    # The app reads no cookie: one on the request must not make every page a pass.
    unset req.http.cookie;
    # The whole URL is the hash (builtin vcl_hash), query string included: it is part of the permalink.
    return (hash);
}

sub vcl_backend_response {
    # Errors are never cached: the replica answers the next request again. Varnish
    # remembers the URL for 5 s as hit-for-miss, so requests do not queue behind each other.
    if (beresp.status >= 400) {
        set beresp.ttl = 5s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Only what the app marks cacheable: public, a 200 or a redirect, no cookie. Canonical
    # pages say immutable for a year; redirects that resolve tags say a few minutes.
    if (beresp.http.set-cookie
        || (beresp.status != 200 && beresp.status != 301 && beresp.status != 307 && beresp.status != 308)
        || beresp.http.cache-control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.cache-control ~ "(private|no-store|no-cache)"
        || beresp.http.vary == "*") {
        set beresp.ttl = 5s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # beresp.ttl is the Cache-Control max-age already; served no longer than that
    # unless the app allows stale-while-revalidate.
    if (beresp.http.cache-control !~ "stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    return (deliver);
}

sub vcl_deliver {
    # The surrogate keys are for this cache only.
    unset resp.http.xkey;
}

sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.x-purged = req.http.x-purged;
        set resp.http.content-type = "application/json";
        set resp.body = {"{"purged":"} + req.http.x-purged + "}" + {"
"};
        return (deliver);
    }
}
