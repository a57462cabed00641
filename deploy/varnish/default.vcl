# Varnish in front of newsdesk: caches what the site marks public, purged by tag.
#
# The site sends, for pages anonymous readers share:
#   Cache-Control: public, max-age=30, s-maxage=<until a tag may change>, stale-while-revalidate=30
#   Surrogate-Key: page:42 list:section:7 structure ...   (what the page shows)
# Varnish keeps a page for s-maxage (Varnish prefers it over max-age) and the site
# bans by tag the moment an editor changes something (newsdesk.core.purging.VarnishBackend):
#   BAN /  with  X-Ban-Tags: page:42|list:section:7
# and purges single addresses (Wagtail's frontend cache) with PURGE <path>.
#
# Compression: the site stores every page already compressed as brotli and gzip (and
# plain), and answers each reader with the best coding they accept. Varnish 7.1 knows
# gzip only: left alone it asks the backend for gzip and keeps that. So the reader's
# Accept-Encoding is reduced to one of br, gzip or identity, that value is part of the
# cache key, and it is what the backend is asked for: each coding is its own cached copy,
# and brotli readers get brotli from Varnish too.
#
# Edit the backend and the purgers list for your servers; varnishd -f this file.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers (their worker sends the purges).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Tags are made of letters, digits, ':', '_' and '-', joined by '|'.
        if (req.http.X-Ban-Tags !~ "^[A-Za-z0-9:_-]+(\|[A-Za-z0-9:_-]+)*$") {
            return (synth(400, "Bad X-Ban-Tags"));
        }
        # On obj.* only, so the ban lurker clears matching objects in the background.
        # A whole key between spaces; the regex has no space, which would end the argument.
        if (!std.ban("obj.http.Surrogate-Key ~ (^|[[:space:]])(" + req.http.X-Ban-Tags +
            ")([[:space:]]|$)")) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom and whoever logged in (a session cookie) get their own pages.
    if (req.url ~ "^/(admin|django-admin)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anyone else's cookies (analytics, consent banners) do not change a page.
    unset req.http.Cookie;
    # The language is in the path (/ar/, /fa/); the site's Vary: Accept-Language is moot.
    unset req.http.Accept-Language;
    # One of three codings (see the top); "br;q=0" refuses brotli.
    if (req.http.Accept-Encoding ~ "(^|[ ,])br([ ,;]|$)" &&
        req.http.Accept-Encoding !~ "(^|[ ,])br[ ]*;[ ]*q=0(\.0*)?([ ,]|$)") {
        set req.http.X-Coding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|[ ,])(x-)?gzip([ ,;]|$)" &&
        req.http.Accept-Encoding !~ "(^|[ ,])gzip[ ]*;[ ]*q=0(\.0*)?([ ,]|$)") {
        set req.http.X-Coding = "gzip";
    } else {
        set req.http.X-Coding = "identity";
    }
    # Tracking parameters change nothing on a page: one cached copy for all of them.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|fbclid|msclkid|mc_cid|mc_eid|_ga)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|gclid|fbclid|msclkid|mc_cid|mc_eid|_ga)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    return (hash);
}

sub vcl_hash {
    # Besides the address and host (the built-in vcl_hash, which runs after this one).
    hash_data(req.http.X-Coding);
}

sub vcl_backend_fetch {
    # Varnish rewrites the request to ask for gzip; ask for the coding this copy is for.
    if (bereq.http.X-Coding == "identity") {
        unset bereq.http.Accept-Encoding;
    } elsif (bereq.http.X-Coding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Coding;
    }
    unset bereq.http.X-Coding;
}

sub vcl_backend_response {
    # Only what the site marks public is shared: never a page that sets a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public" ||
        beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Static files carry long max-age; pages s-maxage (used by Varnish when present) and
    # stale-while-revalidate (Varnish's grace).
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache-Server = "HIT";
    } else {
        set resp.http.X-Cache-Server = "MISS";
    }
    # Tags are for caches; readers need not see what a page is made of.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    # Uploaded files are never run as a page, whatever they contain (the site sends the
    # same headers; this keeps them if media are ever served from elsewhere behind Varnish;
    # NEWSDESK_MEDIA_CONTENT_SECURITY_POLICY, docs/security.md).
    if (req.url ~ "^/media/") {
        set resp.http.X-Content-Type-Options = "nosniff";
        set resp.http.Content-Security-Policy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
    }
}
