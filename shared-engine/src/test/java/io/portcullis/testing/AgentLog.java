package io.portcullis.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a program's output as a CI agent reads its log. Lines end at LF, CR LF or a lone CR (the Azure Pipelines
 * agent splits on each). A line is a command when {@code ##vso[} occurs anywhere in it (the agent looks for it
 * anywhere; any case here, to be strict) or {@code ##[} does (the agent reads that only at the start; anywhere here).
 */
public final class AgentLog {

    private AgentLog() {
    }

    public static List<String> lines(String output) {
        return List.of(output.split("\r\n|\r|\n", -1));
    }

    /** The lines the agent would run as a logging command or a formatting command. */
    public static List<String> commandLines(String output) {
        List<String> commands = new ArrayList<>();
        for (String line : lines(output)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("##vso[") || lower.contains("##[")) {
                commands.add(line);
            }
        }
        return commands;
    }

    /**
     * Characters that must never reach a human-readable stream raw: C0 controls other than the line feed that ends
     * a line (CR included: a lone CR ends a line for the agent), DEL, C1 controls, bidi controls.
     */
    public static List<String> rawControls(String output) {
        List<String> found = new ArrayList<>();
        output.codePoints().forEach(cp -> {
            boolean control = (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f);
            boolean bidi = cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
            if (control || bidi) {
                found.add(String.format(Locale.ROOT, "U+%04X", cp));
            }
        });
        return found;
    }
}
