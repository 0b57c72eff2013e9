package io.portcullis.image.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Authorization header value that last worked for a (registry API host, scope) pair, so the
 * manifest, config and every layer of an image share one token. Thread safe: layers may be
 * fetched concurrently.
 */
final class TokenCache {

    /** Tokens are dropped this long before the registry said they expire, so none expires in flight. */
    private static final long SAFETY_SECONDS = 10;

    private record Key(String apiHost, String scope) {
    }

    private record Entry(String authorization, Instant expires) {
    }

    private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    Optional<String> get(String apiHost, String scope) {
        Key key = new Key(apiHost, scope);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expires != null && !clock.instant().isBefore(entry.expires)) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.authorization);
    }

    /** @param lifetimeSeconds as the token service said, or -1 for a value that does not expire (Basic) */
    void put(String apiHost, String scope, String authorization, long lifetimeSeconds) {
        Instant expires = lifetimeSeconds < 0 ? null
                : clock.instant().plusSeconds(Math.max(0, lifetimeSeconds - SAFETY_SECONDS));
        entries.put(new Key(apiHost, scope), new Entry(authorization, expires));
    }

    void invalidate(String apiHost, String scope) {
        entries.remove(new Key(apiHost, scope));
    }
}
