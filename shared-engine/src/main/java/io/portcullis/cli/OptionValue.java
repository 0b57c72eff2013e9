package io.portcullis.cli;

import io.portcullis.InputException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.function.Supplier;

/** An option value the engine's parser refuses is the user's typo: a usage error (exit 2), named before anything is read. */
final class OptionValue {
    private OptionValue() {
    }

    static <T> T parse(CommandLine command, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InputException e) {
            throw new ParameterException(command, e.getMessage(), e);
        }
    }
}
