package io.portcullis.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A count limit: a whole number of at least 1 (0 would turn a cap into "read nothing", which no one means). */
final class PositiveCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) {
                throw new TypeConversionException("count out of range: " + value + " (at least 1)");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("invalid count '" + value + "': expected a whole number from 1 to " + Integer.MAX_VALUE);
        }
    }
}
