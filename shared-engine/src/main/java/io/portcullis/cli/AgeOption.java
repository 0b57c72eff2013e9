package io.portcullis.cli;

import io.portcullis.policy.DurationText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** Ages and timeouts on the command line, written as in policy files: 7d, 12h, 30m, 90s. */
final class AgeOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return DurationText.parse(value)
                .orElseThrow(() -> new TypeConversionException("invalid duration '" + value + "': a number followed by d, h, m or s, e.g. 7d or 30s"));
    }
}
