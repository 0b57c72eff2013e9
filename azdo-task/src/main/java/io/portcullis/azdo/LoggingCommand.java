package io.portcullis.azdo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code ##vso[area.event key=value;...]data} logging command, rendered the way the agent decodes
 * it: property values and data are escaped with the agent's table ({@code %} as {@code %AZP25},
 * {@code \r} {@code %0D}, {@code \n} {@code %0A}, {@code ]} {@code %5D}, {@code ;} {@code %3B}), so
 * no value can end the properties or the line early, and any {@code ##vso[} or {@code ##[} inside a
 * value is first neutralised like the rest of our output ({@link UntrustedText}).
 */
public final class LoggingCommand {

    private final String area;
    private final String event;
    private final Map<String, String> properties;
    private final String data;
    private final boolean verbatimData;

    private LoggingCommand(String area, String event, Map<String, String> properties, String data, boolean verbatimData) {
        this.area = area;
        this.event = event;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.data = Objects.requireNonNullElse(data, "");
        this.verbatimData = verbatimData;
    }

    public static LoggingCommand of(String area, String event, Map<String, String> properties, String data) {
        return new LoggingCommand(area, event, properties, data, false);
    }

    /**
     * {@code task.setsecret}: the value is registered exactly as given (neutralising it would mask a
     * different string); it is still escaped, so it stays on its one line.
     */
    public static LoggingCommand setSecret(String value) {
        return new LoggingCommand("task", "setsecret", Map.of(), value, true);
    }

    public String area() {
        return area;
    }

    public String event() {
        return event;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public String data() {
        return data;
    }

    /** The command as one line, without the line terminator. */
    public String toLine() {
        StringBuilder line = new StringBuilder("##vso[").append(area).append('.').append(event);
        String separator = " ";
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getValue() == null || property.getValue().isEmpty()) {
                continue;
            }
            line.append(separator).append(property.getKey()).append('=')
                    .append(escape(UntrustedText.neutralise(property.getValue()))).append(';');
            separator = "";
        }
        line.append(']').append(escape(verbatimData ? data : UntrustedText.neutralise(data)));
        return line.toString();
    }

    /** The agent unescapes the four symbols first and {@code %AZP25} last, so {@code %} is escaped first. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%' -> escaped.append("%AZP25");
                case '\r' -> escaped.append("%0D");
                case '\n' -> escaped.append("%0A");
                case ']' -> escaped.append("%5D");
                case ';' -> escaped.append("%3B");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return toLine();
    }
}
