package io.portcullis.sbom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds SPDX 2.3 JSON documents of an image: the image is a package with purpose CONTAINER that
 * the document DESCRIBES and that CONTAINS the OS and every inventoried package.
 *
 * <p>SPDX has no field for "where in the image", so locations and the source package go to
 * {@code sourceInfo}, which the specification reserves for the package's origin.
 */
final class SpdxDocuments {

    private static final String NOASSERTION = "NOASSERTION";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final String toolVersion;
    private final Clock clock;
    private final SpdxLicenses licenses = SpdxLicenses.bundled();

    SpdxDocuments(String toolVersion, Clock clock) {
        this.toolVersion = toolVersion;
        this.clock = clock;
    }

    /**
     * Writes the document to {@code out}, which stays open. Packages and relationships are written one at a time,
     * each package's node made as it is written, so memory does not grow with the number of packages.
     */
    void write(ImageMetadata image, Inventory inventory, PackageRefs refs, OutputStream out) throws IOException {
        String imageId = "SPDXRef-Image-" + PackageRefs.spdxIdPart(image.reference());
        ObjectNode os = inventory.os() == null ? null : osPackage(inventory.os());
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("spdxVersion", "SPDX-2.3");
            json.writeStringField("dataLicense", "CC0-1.0");
            json.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
            json.writeStringField("name", image.reference());
            json.writeStringField("documentNamespace", namespace(image));
            json.writeFieldName("creationInfo");
            json.writeTree(creationInfo());

            json.writeArrayFieldStart("packages");
            json.writeTree(imagePackage(image, imageId));
            if (os != null) {
                json.writeTree(os);
            }
            for (PackageRefs.Entry entry : refs.entries()) {
                json.writeTree(packageNode(entry));
            }
            json.writeEndArray();

            json.writeArrayFieldStart("relationships");
            relationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", imageId);
            if (os != null) {
                relationship(json, imageId, "CONTAINS", os.get("SPDXID").asText());
            }
            for (PackageRefs.Entry entry : refs.entries()) {
                relationship(json, imageId, "CONTAINS", entry.ref());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private ObjectNode creationInfo() {
        ObjectNode creationInfo = MAPPER.createObjectNode();
        creationInfo.put("created", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        creationInfo.putArray("creators").add("Tool: portcullis-" + toolVersion);
        creationInfo.put("licenseListVersion", majorMinor(licenses.listVersion()));
        return creationInfo;
    }

    /** Unique per document, as SPDX requires, and still telling which image it describes. */
    private static String namespace(ImageMetadata image) {
        String digest = image.manifestDigest() != null ? image.manifestDigest()
                : image.configDigest() != null ? image.configDigest() : "no-digest";
        return "https://spdx.org/spdxdocs/portcullis/" + URLEncoder.encode(image.reference(), StandardCharsets.UTF_8)
                + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "-" + UUID.randomUUID();
    }

    private static ObjectNode imagePackage(ImageMetadata image, String spdxId) {
        ObjectNode node = basePackage(spdxId, image.reference(), image.manifestDigest());
        node.put("primaryPackagePurpose", "CONTAINER");
        if (image.manifestDigest() != null && image.manifestDigest().matches("sha256:[0-9a-f]{64}")) {
            ObjectNode checksum = node.putArray("checksums").addObject();
            checksum.put("algorithm", "SHA256");
            checksum.put("checksumValue", image.manifestDigest().substring("sha256:".length()));
        }
        List<String> facts = new ArrayList<>();
        if (image.configDigest() != null) {
            facts.add("config " + image.configDigest());
        }
        if (image.platform() != null) {
            facts.add("platform " + image.platform());
        }
        for (int i = 0; i < image.diffIds().size(); i++) {
            String digest = i < image.layerDigests().size() ? image.layerDigests().get(i) : "?";
            facts.add("layer " + i + " digest " + digest + " diffID " + image.diffIds().get(i));
        }
        if (!image.repoTags().isEmpty()) {
            facts.add("tags " + String.join(" ", image.repoTags()));
        }
        if (!facts.isEmpty()) {
            node.put("comment", String.join("; ", facts));
        }
        return node;
    }

    private static ObjectNode osPackage(OperatingSystem os) {
        ObjectNode node = basePackage("SPDXRef-OperatingSystem-" + PackageRefs.spdxIdPart(os.id()), os.id(), os.versionId());
        // The JSON schema spells the enum value with an underscore, unlike the tag-value form
        node.put("primaryPackagePurpose", "OPERATING_SYSTEM");
        if (os.prettyName() != null) {
            node.put("description", os.prettyName());
        }
        return node;
    }

    private ObjectNode packageNode(PackageRefs.Entry entry) {
        Package pkg = entry.pkg();
        ObjectNode node = basePackage(entry.ref(), pkg.name(), pkg.version());
        List<String> declaredTexts = pkg.licenses().stream().filter(text -> !text.isBlank()).toList();
        Optional<String> declared = declaredLicense(declaredTexts);
        node.put("licenseDeclared", declared.orElse(NOASSERTION));
        if (declared.isEmpty() && !declaredTexts.isEmpty()) {
            node.put("licenseComments", "declared as: " + String.join(", ", declaredTexts));
        }
        if (pkg.purl() != null) {
            ObjectNode ref = node.putArray("externalRefs").addObject();
            ref.put("referenceCategory", "PACKAGE-MANAGER");
            ref.put("referenceType", "purl");
            ref.put("referenceLocator", pkg.purl());
        }
        node.put("sourceInfo", sourceInfo(pkg));
        return node;
    }

    /** All declared licenses joined with AND, or empty when any of them is not a valid SPDX expression. */
    private Optional<String> declaredLicense(List<String> declared) {
        Set<String> expressions = new LinkedHashSet<>();
        for (String text : declared) {
            Optional<String> expression = licenses.expression(text);
            if (expression.isEmpty()) {
                return Optional.empty();
            }
            expressions.add(expression.get());
        }
        if (expressions.size() <= 1) {
            return expressions.stream().findFirst();
        }
        return Optional.of(expressions.stream()
                .map(expression -> expression.contains(" ") ? "(" + expression + ")" : expression)
                .collect(Collectors.joining(" AND ")));
    }

    private static String sourceInfo(Package pkg) {
        StringBuilder text = new StringBuilder("found by ").append(pkg.foundBy() == null ? "unknown analyzer" : pkg.foundBy());
        String where = pkg.locations().stream().map(SpdxDocuments::describe).collect(Collectors.joining(", "));
        if (!where.isEmpty()) {
            text.append(" at ").append(where);
        }
        if (pkg.source() != null) {
            text.append("; built from source package ").append(pkg.source().name());
            if (pkg.source().version() != null) {
                text.append(' ').append(pkg.source().version());
            }
        }
        return text.toString();
    }

    private static String describe(Location location) {
        return location.layerDiffId() == null ? location.path() : location.path() + " (layer " + location.layerDiffId() + ")";
    }

    private static ObjectNode basePackage(String spdxId, String name, String version) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("SPDXID", spdxId);
        node.put("name", name);
        if (version != null) {
            node.put("versionInfo", version);
        }
        node.put("downloadLocation", NOASSERTION);
        node.put("filesAnalyzed", false);
        node.put("licenseConcluded", NOASSERTION);
        node.put("licenseDeclared", NOASSERTION);
        node.put("copyrightText", NOASSERTION);
        return node;
    }

    private static void relationship(JsonGenerator json, String from, String type, String to) throws IOException {
        json.writeStartObject();
        json.writeStringField("spdxElementId", from);
        json.writeStringField("relationshipType", type);
        json.writeStringField("relatedSpdxElement", to);
        json.writeEndObject();
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
