package io.portcullis.vulndb;

import java.util.List;

/** An OSV range: its type (ECOSYSTEM, SEMVER, GIT) and its events as written. */
public record OsvRange(String type, List<OsvEvent> events) {
    public OsvRange {
        events = List.copyOf(events);
    }
}
