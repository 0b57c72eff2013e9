package io.portcullis.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as policy files and flags write them: a whole number followed by d, h, m or s ("7d", "12h", "30m", "90s"). */
public final class DurationText {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([dhms])");

    private DurationText() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        });
    }
}
