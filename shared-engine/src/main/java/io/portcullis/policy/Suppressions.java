package io.portcullis.policy;

import io.portcullis.check.CheckFinding;
import io.portcullis.image.ImageMetadata;
import io.portcullis.match.Finding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every suppression given for a scan (ignore files and VEX documents), in the order they were loaded. */
public record Suppressions(List<SuppressionRule> entries) {

    public Suppressions {
        entries = List.copyOf(entries);
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    /** All entries of all the given sets, in order. */
    public static Suppressions concat(List<Suppressions> parts) {
        List<SuppressionRule> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.entries()));
        return new Suppressions(all);
    }

    /** The first entry that applies to the finding and has not expired. */
    public Optional<SuppressionRule> find(Finding finding, ImageMetadata image, LocalDate today) {
        return entries.stream()
                .filter(s -> !s.isExpired(today))
                .filter(s -> s.appliesTo(finding, image))
                .findFirst();
    }

    /** The first unexpired entry that applies to the check finding. */
    public Optional<SuppressionRule> find(CheckFinding check, LocalDate today) {
        return entries.stream().filter(s -> !s.isExpired(today)).filter(s -> s.appliesTo(check)).findFirst();
    }

    /** Entries whose expiry date has passed; they suppress nothing and are reported as warnings. */
    public List<SuppressionRule> expired(LocalDate today) {
        return entries.stream().filter(s -> s.isExpired(today)).toList();
    }
}
