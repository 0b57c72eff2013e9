package io.portcullis.transport;

import java.util.Optional;

/**
 * The HTTP(S) proxy requests go through, as the HTTP clients need it. The engine's public
 * {@code ProxySettings} is the implementation a host passes in; this contract keeps the lower
 * layers (registry, vulnerability data) from depending on the engine.
 */
public interface HttpProxy {

    String host();

    int port();

    /** True when a request to {@code host:port} goes direct rather than through the proxy ({@code NO_PROXY}). */
    boolean bypasses(String host, int port);

    /** The user name sent (Basic) when the proxy answers 407, or empty for a proxy without authentication. */
    Optional<String> username();

    /** A fresh copy of the proxy password, which the caller wipes; empty when there is none. */
    char[] passwordCopy();
}
