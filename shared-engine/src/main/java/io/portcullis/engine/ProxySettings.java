package io.portcullis.engine;

import io.portcullis.transport.HttpProxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP(S) proxy for registry and vulnerability-data requests, with the hosts that bypass it.
 *
 * <p>The bypass list reads as {@code NO_PROXY} does in curl and Go: {@code *} bypasses every host;
 * {@code example.com} and {@code .example.com} bypass that host and every host below it;
 * {@code host:port} bypasses only that port; IP addresses match exactly.
 */
public final class ProxySettings implements HttpProxy {

    private final URI proxy;
    private final List<String> noProxy;
    private final String username;
    private final Secret password;

    private ProxySettings(URI proxy, List<String> noProxy, String username, Secret password) {
        this.proxy = proxy;
        this.noProxy = noProxy;
        this.username = username;
        this.password = password;
    }

    /**
     * @param proxy {@code http://host:port} (the scheme of the proxy connection, not of the requests it carries)
     * @param noProxy entries as in {@code NO_PROXY}; each may itself be a comma-separated list
     */
    public static ProxySettings of(URI proxy, List<String> noProxy) {
        Objects.requireNonNull(proxy, "proxy");
        if (proxy.getHost() == null || proxy.getPort() == 0) {
            throw new IllegalArgumentException("proxy must be scheme://host[:port], got " + proxy);
        }
        if (proxy.getUserInfo() != null) {
            throw new IllegalArgumentException("give proxy credentials with withCredentials, not in the URI");
        }
        String scheme = proxy.getScheme() == null ? "" : proxy.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("proxy must be an http:// or https:// URI, got " + proxy);
        }
        List<String> entries = new ArrayList<>();
        for (String item : noProxy == null ? List.<String>of() : noProxy) {
            for (String part : item.split(",")) {
                String entry = part.trim().toLowerCase(Locale.ROOT);
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        return new ProxySettings(proxy, List.copyOf(entries), null, null);
    }

    /** The same proxy, authenticating with Basic credentials when it asks (407). */
    public ProxySettings withCredentials(String user, Secret secret) {
        return new ProxySettings(proxy, noProxy, Objects.requireNonNull(user, "user"), Objects.requireNonNull(secret, "password"));
    }

    @Override
    public String host() {
        return proxy.getHost();
    }

    /** The proxy's port; 80 for http and 443 for https when the URI has none. */
    @Override
    public int port() {
        if (proxy.getPort() > 0) {
            return proxy.getPort();
        }
        return "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
    }

    public List<String> noProxy() {
        return noProxy;
    }

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public char[] passwordCopy() {
        return password == null ? new char[0] : password.chars();
    }

    /** True when a request to {@code host:port} goes direct rather than through the proxy. */
    @Override
    public boolean bypasses(String host, int port) {
        String target = stripBrackets(host.toLowerCase(Locale.ROOT));
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String entryHost = entry;
            int entryPort = -1;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                entryHost = entry.substring(0, colon);
                entryPort = Integer.parseInt(entry.substring(colon + 1));
            }
            entryHost = stripBrackets(entryHost);
            if (entryPort >= 0 && entryPort != port) {
                continue;
            }
            String domain = entryHost.startsWith(".") ? entryHost.substring(1) : entryHost;
            if (target.equals(domain) || target.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return "ProxySettings[" + proxy + (username == null ? "" : ", username=" + username + ", password=****")
                + ", noProxy=" + noProxy + "]";
    }
}
