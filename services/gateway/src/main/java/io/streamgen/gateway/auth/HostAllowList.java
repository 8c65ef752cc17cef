package io.streamgen.gateway.auth;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names the gateway answers to ({@code streamgen.gateway.allowed-hosts}) and what counts as
 * its own origin. A page on {@code evil.example} whose name an attacker re-points at 127.0.0.1 (DNS
 * rebinding) still sends {@code Host: evil.example}: refusing unknown hosts makes such a page useless.
 * The origin rule never trusts the Host header alone: an origin is the gateway's own when it is one
 * of the configured public origins, or an allowed host on the port the request arrived on.
 */
public final class HostAllowList {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "");

    private final boolean anyHost;
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> publicOrigins = new HashSet<>();

    public HostAllowList(List<String> allowedHosts, String listenHost, List<String> publicOrigins) {
        boolean any = false;
        for (String host : allowedHosts) {
            String name = host.trim().toLowerCase(Locale.ROOT);
            any |= name.equals("*");
            hosts.add(name);
        }
        this.anyHost = any;
        String listen = listenHost == null ? "" : listenHost.trim().toLowerCase(Locale.ROOT);
        if (!WILDCARDS.contains(listen)) {
            hosts.add(listen.contains(":") && !listen.startsWith("[") ? "[" + listen + "]" : listen);
        }
        for (String origin : publicOrigins) {
            publicOrigins(origin);
        }
    }

    private void publicOrigins(String origin) {
        String trimmed = origin.trim();
        if (!trimmed.isEmpty()) {
            publicOrigins.add(trimmed.toLowerCase(Locale.ROOT));
            String host = originHost(trimmed);
            if (host != null) {
                hosts.add(host); // a public origin's host is an allowed host
            }
        }
    }

    /** Whether a request with this {@code Host} header (or HTTP/2 authority) is answered. */
    public boolean allows(String authority) {
        if (anyHost) {
            return true;
        }
        String name = hostName(authority);
        return name != null && hosts.contains(name);
    }

    /** Whether a browser's {@code Origin} is the gateway's own, for a request that arrived on {@code localPort}. */
    public boolean sameOrigin(String origin, String authority, int localPort) {
        if (origin == null) {
            return false;
        }
        if (publicOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String host = originHost(origin);
        int port = originPort(origin);
        if (host == null || port != localPort) {
            return false;
        }
        return anyHost ? host.equals(hostName(authority)) : hosts.contains(host);
    }

    /** The host name of a {@code Host} header value, lower case, without its port; IPv6 literals keep their brackets. */
    static String hostName(String authority) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        String value = authority.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static String originHost(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int originPort(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getPort() >= 0) {
                return uri.getPort();
            }
            return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
