package io.portcullis;

import com.networknt.schema.JsonNodePath;

/** Turns a JSON-schema validator's instance location into a JSON pointer, for messages about a user's JSON document. */
public final class SchemaErrors {
    private SchemaErrors() {
    }

    public static String pointer(JsonNodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** Parses the "$.a.b[0].c" prefix of a validator message (as cyclonedx-core-java passes them on) into a pointer. */
    public static String pointerFromMessage(String message) {
        if (!message.startsWith("$")) {
            return "";
        }
        int end = message.indexOf(':');
        String path = end < 0 ? message : message.substring(0, end);
        StringBuilder pointer = new StringBuilder();
        for (String part : path.substring(1).split("(?=[.\\[])")) {
            if (part.startsWith(".")) {
                pointer.append('/').append(part.substring(1));
            } else if (part.startsWith("[")) {
                pointer.append('/').append(part.replaceAll("[\\[\\]']", ""));
            }
        }
        return pointer.toString();
    }
}
