package io.portcullis.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.portcullis.InputException;
import io.portcullis.UserFile;
import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Package;
import org.cyclonedx.Version;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One SBOM as a JSON tree, its format told from its content ({@code "bomFormat": "CycloneDX"} with a
 * {@code specVersion}, or {@code "spdxVersion": "SPDX-2.3"}), validated against that format's official schema, and
 * able to say which of an image's packages it lists.
 */
public final class SbomDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** cyclonedx-core-java has JSON schemas from 1.2 on; 1.0 and 1.1 were XML only. */
    private static final double OLDEST_CYCLONEDX_JSON = 1.2;

    private final String name;
    private final String format;
    private final List<SchemaProblem> problems;
    private final JsonNode root;
    private final boolean cycloneDx;

    private SbomDocument(String name, String format, List<SchemaProblem> problems, JsonNode root, boolean cycloneDx) {
        this.name = name;
        this.format = format;
        this.problems = List.copyOf(problems);
        this.root = root;
        this.cycloneDx = cycloneDx;
    }

    /**
     * A user's SBOM file, read through the JSON size cap of {@link UserFile}.
     *
     * @throws InputException unreadable, too large, not JSON, or neither CycloneDX JSON nor SPDX 2.3 JSON: one line naming the file
     */
    public static SbomDocument read(Path file) {
        byte[] bytes = UserFile.JSON.bytes(file);
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file + (line > 0 ? ":" + line : "") + ": not JSON" + otherEncoding(bytes) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return detect(file.toString(), root);
    }

    /** Our own SBOM of the image in {@code format}, rendered in memory exactly as {@link SbomWriter} writes it to a file. */
    public static SbomDocument generated(SbomWriter writer, ImageMetadata image, Inventory inventory, SbomFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(image, inventory, format, out);
        String label = switch (format) {
            case CYCLONEDX_JSON -> "generated CycloneDX";
            case SPDX_JSON -> "generated SPDX";
        };
        return detect(label, MAPPER.readTree(out.toByteArray()));
    }

    private static SbomDocument detect(String name, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": not an SBOM: expected a CycloneDX or SPDX JSON object"
                    + (root == null || root.isMissingNode() ? ", the file is empty" : ""));
        }
        if (root.path("bomFormat").asText("").equals("CycloneDX")) {
            String specVersion = root.path("specVersion").asText("");
            Version version = null;
            for (Version v : Version.values()) {
                if (v.getVersionString().equals(specVersion) && v.getVersion() >= OLDEST_CYCLONEDX_JSON) {
                    version = v;
                }
            }
            if (version == null) {
                throw new InputException(name + ": CycloneDX specVersion '" + specVersion + "' cannot be validated; "
                        + "Portcullis knows the JSON schemas of CycloneDX 1.2 to 1.6");
            }
            return new SbomDocument(name, "CycloneDX " + specVersion, SbomSchemas.cycloneDx(root, version), root, true);
        }
        if (root.has("spdxVersion")) {
            String spdxVersion = root.path("spdxVersion").asText("");
            if (!spdxVersion.equals("SPDX-2.3")) {
                throw new InputException(name + ": spdxVersion '" + spdxVersion + "' cannot be validated; Portcullis knows the SPDX 2.3 JSON schema");
            }
            return new SbomDocument(name, "SPDX 2.3", SbomSchemas.spdx23(root), root, false);
        }
        throw new InputException(name + ": not an SBOM Portcullis knows: neither \"bomFormat\": \"CycloneDX\" nor \"spdxVersion\" "
                + "(CycloneDX 1.2-1.6 JSON and SPDX 2.3 JSON are validated)");
    }

    /** Where the bytes look like an SBOM's other serialisations, the message says so. */
    private static String otherEncoding(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("<")) {
            return " (XML? CycloneDX and SPDX are validated in their JSON form)";
        }
        if (start.startsWith("SPDXVersion:")) {
            return " (SPDX tag-value? SPDX is validated in its JSON form)";
        }
        return "";
    }

    /** What the schema says, and nothing of the image: for our own documents, whose components are the image's by construction. */
    public SbomCheck check() {
        return new SbomCheck(name, format, problems.size(), firstProblems(), false, 0, 0, List.of());
    }

    /**
     * What the schema says, and which of the image's packages the document lacks. A package is present when the document
     * lists its purl (type, namespace, name and version compared; qualifiers and subpath are not, since tools differ on
     * them: {@code distro}, {@code arch}, {@code upstream}); a package without a purl, or a component without one,
     * is matched by name and version.
     */
    public SbomCheck check(Inventory inventory) {
        Components listed = components();
        Map<String, Package> distinct = new LinkedHashMap<>();
        for (Package pkg : inventory.packages()) {
            distinct.putIfAbsent(pkg.purl() != null ? purlKey(pkg.purl()) : nameVersion(pkg.name(), pkg.version()), pkg);
        }
        List<Package> missing = distinct.values().stream().filter(pkg -> !listed.contains(pkg))
                .sorted(Comparator.comparing(Package::name).thenComparing(Package::version)).toList();
        List<String> named = missing.stream().limit(SbomCheck.LISTED)
                .map(pkg -> pkg.name() + " " + pkg.version() + (pkg.purl() == null ? "" : " (" + pkg.purl() + ")")).toList();
        return new SbomCheck(name, format, problems.size(), firstProblems(), true, distinct.size(), missing.size(), named);
    }

    private List<SchemaProblem> firstProblems() {
        return problems.subList(0, Math.min(SbomCheck.LISTED, problems.size()));
    }

    private Components components() {
        Components listed = new Components();
        if (cycloneDx) {
            root.path("components").forEach(component -> addCycloneDx(component, listed));
        } else {
            for (JsonNode pkg : root.path("packages")) {
                String purl = null;
                for (JsonNode ref : pkg.path("externalRefs")) {
                    if (ref.path("referenceType").asText("").equals("purl")) {
                        purl = ref.path("referenceLocator").asText(null);
                        listed.add(purl, pkg.path("name").asText(""), pkg.path("versionInfo").asText(""));
                    }
                }
                if (purl == null) {
                    listed.add(null, pkg.path("name").asText(""), pkg.path("versionInfo").asText(""));
                }
            }
        }
        return listed;
    }

    /** Components nest (an application and its libraries); Maven names are also tried as "group:name", as our inventory spells them. */
    private static void addCycloneDx(JsonNode component, Components listed) {
        String purl = component.hasNonNull("purl") ? component.get("purl").asText() : null;
        String version = component.path("version").asText("");
        listed.add(purl, component.path("name").asText(""), version);
        if (component.hasNonNull("group")) {
            listed.add(purl, component.get("group").asText() + ":" + component.path("name").asText(""), version);
        }
        component.path("components").forEach(child -> addCycloneDx(child, listed));
    }

    /** The identity a purl names, without qualifiers and subpath; a malformed purl is compared as written. */
    static String purlKey(String purl) {
        try {
            PackageURL parsed = new PackageURL(purl);
            return parsed.getType() + "/" + Objects.toString(parsed.getNamespace(), "") + "/" + parsed.getName() + "@"
                    + Objects.toString(parsed.getVersion(), "");
        } catch (MalformedPackageURLException e) {
            return purl;
        }
    }

    private static String nameVersion(String name, String version) {
        return name + "\u0000" + version;
    }

    /** What a document lists: purls, the names and versions of components without one, and every name and version. */
    private static final class Components {
        private final Set<String> purls = new HashSet<>();
        private final Set<String> withoutPurl = new HashSet<>();
        private final Set<String> all = new HashSet<>();

        void add(String purl, String name, String version) {
            String key = nameVersion(name, version);
            all.add(key);
            if (purl == null || purl.isBlank()) {
                withoutPurl.add(key);
            } else {
                purls.add(purlKey(purl));
            }
        }

        boolean contains(Package pkg) {
            String key = nameVersion(pkg.name(), pkg.version());
            if (pkg.purl() == null) {
                return all.contains(key);
            }
            return purls.contains(purlKey(pkg.purl())) || withoutPurl.contains(key);
        }
    }
}
