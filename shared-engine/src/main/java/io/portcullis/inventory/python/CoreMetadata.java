package io.portcullis.inventory.python;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header block of a Python core-metadata file (RFC 822 style, as PEP 566 describes). Only the
 * headers are read: the description after the first blank line can be megabytes and says nothing
 * about identity.
 */
final class CoreMetadata {

    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final Map<String, List<String>> fields;
    private final boolean decodedAsLatin1;

    private CoreMetadata(Map<String, List<String>> fields, boolean decodedAsLatin1) {
        this.fields = fields;
        this.decodedAsLatin1 = decodedAsLatin1;
    }

    static CoreMetadata read(InputStream in) throws IOException {
        byte[] header = readHeaderBytes(in);
        String text;
        boolean latin1 = false;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            // Old sdists wrote PKG-INFO in the platform encoding; Latin-1 never fails and keeps ASCII intact.
            text = new String(header, StandardCharsets.ISO_8859_1);
            latin1 = true;
        }
        return new CoreMetadata(parse(text), latin1);
    }

    private static byte[] readHeaderBytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0 && out.size() < MAX_HEADER_BYTES) {
            if (b == '\r') {
                continue;
            }
            if (b == '\n' && previous == '\n') {
                break;
            }
            out.write(b);
            previous = b;
        }
        return out.toByteArray();
    }

    private static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
                value.append('\n').append(line.strip());
                continue;
            }
            if (key != null) {
                fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString());
                key = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(line.substring(colon + 1).strip());
            }
        }
        if (key != null) {
            fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString());
        }
        return fields;
    }

    String first(String field) {
        List<String> values = fields.get(field.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    boolean decodedAsLatin1() {
        return decodedAsLatin1;
    }

    /**
     * License-Expression (PEP 639) when present; else a short License field; else the license
     * classifiers. A multi-line License field is the license text itself and is not an identifier.
     */
    List<String> licenses() {
        String expression = first("License-Expression");
        if (expression != null && !expression.isBlank()) {
            return List.of(expression.trim());
        }
        String license = first("License");
        if (license != null && !license.isBlank() && !license.contains("\n") && !license.equalsIgnoreCase("UNKNOWN")) {
            return List.of(license.trim());
        }
        List<String> fromClassifiers = new ArrayList<>();
        for (String classifier : fields.getOrDefault("classifier", List.of())) {
            if (classifier.startsWith("License ::")) {
                String[] parts = classifier.split("::");
                fromClassifiers.add(parts[parts.length - 1].trim());
            }
        }
        return fromClassifiers;
    }
}
