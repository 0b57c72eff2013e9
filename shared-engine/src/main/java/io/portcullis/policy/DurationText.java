package io.portcullis.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ages as policy files and flags write them: a whole number followed by d, h or m ("7d", "12h", "30m"). */
public final class DurationText {

    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([dhm])");

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
            default -> Duration.ofMinutes(amount);
        });
    }
}
