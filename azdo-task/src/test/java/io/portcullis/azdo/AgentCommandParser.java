package io.portcullis.azdo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The test oracle: reads output the way the Azure Pipelines agent does (Command.TryParse and
 * CommandStringConvertor.Unescape in microsoft/azure-pipelines-agent), written from its rules:
 * <ul>
 * <li>the agent reads stdout and stderr line by line, and a line ends at {@code \r\n}, {@code \r} or {@code \n};</li>
 * <li>the command prefix {@code ##vso} is found anywhere in a line (here ignoring case, which is
 *     stricter than the agent's ordinal search), the text before it is dropped;</li>
 * <li>the first {@code [} and the first {@code ]} after it delimit the command info; fewer than two
 *     characters between them, or a prefix that is not {@code ##vso}, is no command;</li>
 * <li>the command info up to the first space is {@code area.event}: exactly two non-empty parts
 *     after splitting on {@code .};</li>
 * <li>the rest are properties split on {@code ;} (empty parts dropped), each {@code key=value} split at
 *     the first {@code =}, pairs without a value dropped, keys compared ignoring case;</li>
 * <li>the data is everything after the {@code ]};</li>
 * <li>values and data are unescaped: {@code %3B} {@code ;}, {@code %0D} {@code \r}, {@code %0A}
 *     {@code \n}, {@code %5D} {@code ]} in that order, then {@code %AZP25} {@code %}.</li>
 * </ul>
 * Lines that contain {@code ##[} are formatting commands (error, warning, group, section...) which
 * the log viewer renders; {@link #formattingLines} lists them.
 */
final class AgentCommandParser {

    record ParsedCommand(String area, String event, Map<String, String> properties, String data) {
        String name() {
            return area + "." + event;
        }

        String property(String key) {
            return properties.get(key);
        }
    }

    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");
    private static final String PREFIX = "##vso";

    private AgentCommandParser() {
    }

    static List<String> lines(String output) {
        List<String> lines = new ArrayList<>(List.of(LINE_END.split(output, -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Every command the agent would run from this output, in order. */
    static List<ParsedCommand> commands(String output) {
        List<ParsedCommand> commands = new ArrayList<>();
        for (String line : lines(output)) {
            tryParse(line).ifPresent(commands::add);
        }
        return commands;
    }

    /** Lines that the log viewer would render as a formatting command, or that start one anywhere. */
    static List<String> formattingLines(String output) {
        return lines(output).stream().filter(line -> line.toLowerCase(Locale.ROOT).contains("##[")).toList();
    }

    static Optional<ParsedCommand> tryParse(String line) {
        int prefixAt = line.toLowerCase(Locale.ROOT).indexOf(PREFIX);
        if (prefixAt < 0) {
            return Optional.empty();
        }
        String message = line.substring(prefixAt);
        int open = message.indexOf('[');
        int close = message.indexOf(']');
        if (open < 0 || close < 0 || close - open < 3) {
            return Optional.empty();
        }
        if (!message.substring(0, open).equalsIgnoreCase(PREFIX)) {
            return Optional.empty();
        }
        String info = message.substring(open + 1, close);
        int space = info.indexOf(' ');
        String name = space < 0 ? info : info.substring(0, space);
        List<String> areaEvent = nonEmpty(name.split("\\.", -1));
        if (areaEvent.size() != 2) {
            return Optional.empty();
        }
        Map<String, String> properties = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (space >= 0) {
            for (String property : nonEmpty(info.substring(space + 1).split(";", -1))) {
                int equals = property.indexOf('=');
                if (equals <= 0 || equals == property.length() - 1) {
                    continue;
                }
                properties.put(property.substring(0, equals), unescape(property.substring(equals + 1)));
            }
        }
        return Optional.of(new ParsedCommand(areaEvent.get(0), areaEvent.get(1), Collections.unmodifiableMap(properties),
                unescape(message.substring(close + 1))));
    }

    static String unescape(String escaped) {
        return escaped.replace("%3B", ";").replace("%0D", "\r").replace("%0A", "\n").replace("%5D", "]")
                .replace("%AZP25", "%");
    }

    private static List<String> nonEmpty(String[] parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                kept.add(part);
            }
        }
        return kept;
    }
}
