package io.portcullis.sbom;

import io.portcullis.image.ImageMetadata;
import io.portcullis.inventory.Inventory;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.IdentificationMethod;
import io.portcullis.inventory.JarEvidence;
import io.portcullis.inventory.OperatingSystem;
import io.portcullis.inventory.Package;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Identity;
import org.cyclonedx.model.component.evidence.Method;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Builds CycloneDX 1.6 BOMs of an image: the image as {@code metadata.component}, the OS as an
 * {@code operating-system} component, one {@code library} component per inventoried package.
 *
 * <p>Where each package was found is written twice, on purpose: as {@code evidence.occurrences}
 * (the 1.6 place generic consumers read; its location is the path) and as numbered properties
 * {@code portcullis:location:N:path} / {@code portcullis:location:N:layerDiffId}, Syft's
 * convention, which keeps each path paired with its layer exactly.
 */
final class CycloneDxBoms {

    static final Version SPEC_VERSION = Version.VERSION_16;

    /** The schema requires each hash to have its algorithm's exact length, so anything else is left out. */
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})|sha384:([0-9a-f]{96})|sha512:([0-9a-f]{128})");

    private final String toolVersion;
    private final Clock clock;
    private final SpdxLicenses licenses = SpdxLicenses.bundled();

    CycloneDxBoms(String toolVersion, Clock clock) {
        this.toolVersion = toolVersion;
        this.clock = clock;
    }

    /** The SBOM of the image, with the given vulnerabilities (none for a plain SBOM). */
    Bom bom(ImageMetadata image, Inventory inventory, PackageRefs refs, List<Vulnerability> vulnerabilities) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Component imageComponent = imageComponent(image, inventory.os());
        bom.setMetadata(metadata(imageComponent));

        // The OS first, then one component per package, each made only when the serialiser reaches it.
        String osRef = inventory.os() == null ? null : osRef(inventory.os());
        int first = osRef == null ? 0 : 1;
        List<PackageRefs.Entry> entries = refs.entries();
        bom.setComponents(new GeneratedList<>(first + entries.size(),
                i -> i < first ? osComponent(inventory.os()) : packageComponent(entries.get(i - first))));
        bom.setDependencies(dependencies(imageComponent.getBomRef(), osRef, refs));
        if (!vulnerabilities.isEmpty()) {
            bom.setVulnerabilities(vulnerabilities);
        }
        return bom;
    }

    /** Writes {@code bom} as CycloneDX 1.6 JSON to {@code out}, which stays open. */
    static void write(Bom bom, OutputStream out) throws IOException {
        new CycloneDxJson(bom).writeTo(out);
    }

    private Metadata metadata(Component imageComponent) {
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(clock.instant()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("portcullis");
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(imageComponent);
        return metadata;
    }

    private static Component imageComponent(ImageMetadata image, OperatingSystem os) {
        Component component = new Component();
        component.setType(Component.Type.CONTAINER);
        component.setBomRef("image:" + image.reference());
        component.setName(image.reference());
        if (image.manifestDigest() != null) {
            component.setVersion(image.manifestDigest());
            hash(image.manifestDigest()).ifPresent(hash -> component.setHashes(List.of(hash)));
        }
        List<Property> properties = new ArrayList<>();
        addProperty(properties, "portcullis:image:manifestDigest", image.manifestDigest());
        addProperty(properties, "portcullis:image:configDigest", image.configDigest());
        addProperty(properties, "portcullis:image:platform", image.platform() == null ? null : image.platform().toString());
        for (int i = 0; i < image.layerDigests().size(); i++) {
            addProperty(properties, "portcullis:image:layer:" + i + ":digest", image.layerDigests().get(i));
        }
        for (int i = 0; i < image.diffIds().size(); i++) {
            addProperty(properties, "portcullis:image:layer:" + i + ":diffId", image.diffIds().get(i));
        }
        for (int i = 0; i < image.repoTags().size(); i++) {
            addProperty(properties, "portcullis:image:repoTag:" + i, image.repoTags().get(i));
        }
        if (os != null) {
            addProperty(properties, "portcullis:image:os", os.versionId() == null ? os.id() : os.id() + " " + os.versionId());
        }
        component.setProperties(properties);
        return component;
    }

    private static Component osComponent(OperatingSystem os) {
        Component component = new Component();
        component.setType(Component.Type.OPERATING_SYSTEM);
        component.setBomRef(osRef(os));
        component.setName(os.id());
        component.setVersion(os.versionId());
        component.setDescription(os.prettyName());
        List<Property> properties = new ArrayList<>();
        addProperty(properties, "portcullis:os:codename", os.codename());
        if (!properties.isEmpty()) {
            component.setProperties(properties);
        }
        return component;
    }

    /** Package bom-refs start with "pkg:" or the package type followed by '/', so this cannot collide with them. */
    static String osRef(OperatingSystem os) {
        return "os:" + os.id() + (os.versionId() == null ? "" : "@" + os.versionId());
    }

    private Component packageComponent(PackageRefs.Entry entry) {
        Package pkg = entry.pkg();
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setBomRef(entry.ref());
        int colon = pkg.name().indexOf(':');
        if (pkg.type().equals("maven") && colon > 0) {
            component.setGroup(pkg.name().substring(0, colon));
            component.setName(pkg.name().substring(colon + 1));
        } else {
            component.setName(pkg.name());
        }
        component.setVersion(pkg.version());
        if (pkg.purl() != null) {
            component.setPurl(pkg.purl());
        }
        licenseChoice(pkg.licenses()).ifPresent(component::setLicenses);
        component.setProperties(packageProperties(pkg));
        String sha1 = pkg.properties().get(JarEvidence.SHA1);
        if (sha1 != null && SHA1.matcher(sha1).matches()) {
            component.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, sha1)));
        }
        Optional<Identity> identity = identity(pkg);
        if (!pkg.locations().isEmpty() || identity.isPresent()) {
            Evidence evidence = evidence(pkg.locations());
            identity.ifPresent(i -> evidence.setIdentities(List.of(i)));
            component.setEvidence(evidence);
        }
        return component;
    }

    /** How a jar's coordinates were found (pom.properties, SHA-1, manifest, file name) with that method's confidence. */
    private static Optional<Identity> identity(Package pkg) {
        if (!pkg.type().equals("maven") || pkg.purl() == null) {
            return Optional.empty();
        }
        return IdentificationMethod.ofProperty(pkg.properties().get(IdentificationMethod.PROPERTY)).map(method -> {
            Method technique = new Method();
            technique.setTechnique(Method.Technique.valueOf(method.cycloneDxTechnique().toUpperCase(Locale.ROOT).replace('-', '_')));
            technique.setConfidence(method.confidence());
            technique.setValue(method == IdentificationMethod.SHA1 ? "sha1:" + pkg.properties().get(JarEvidence.SHA1)
                    : method == IdentificationMethod.FILE_NAME ? pkg.properties().get(JarEvidence.FILE_NAME) : method.propertyValue());
            Identity identity = new Identity();
            identity.setField(Identity.Field.PURL);
            identity.setConfidence(method.confidence());
            identity.setConcludedValue(pkg.purl());
            identity.setMethods(List.of(technique));
            return identity;
        });
    }

    /**
     * A single valid compound expression is written as an expression; everything else one license
     * per entry, by id when it is a listed SPDX id and by name (as written) otherwise.
     */
    private Optional<LicenseChoice> licenseChoice(List<String> declared) {
        Set<String> distinct = new LinkedHashSet<>();
        declared.stream().map(String::trim).filter(text -> !text.isEmpty()).forEach(distinct::add);
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        LicenseChoice choice = new LicenseChoice();
        if (distinct.size() == 1) {
            String only = distinct.iterator().next();
            Optional<String> expression = licenses.expression(only);
            if (expression.isPresent() && licenses.licenseId(only).isEmpty()) {
                choice.setExpression(new Expression(expression.get()));
                return Optional.of(choice);
            }
        }
        for (String text : distinct) {
            License license = new License();
            licenses.licenseId(text).ifPresentOrElse(license::setId, () -> license.setName(text));
            choice.addLicense(license);
        }
        return Optional.of(choice);
    }

    private static List<Property> packageProperties(Package pkg) {
        List<Property> properties = new ArrayList<>();
        addProperty(properties, "portcullis:package:type", pkg.type());
        addProperty(properties, "portcullis:package:arch", pkg.arch());
        addProperty(properties, "portcullis:package:foundBy", pkg.foundBy());
        if (pkg.source() != null) {
            addProperty(properties, "portcullis:package:sourceName", pkg.source().name());
            addProperty(properties, "portcullis:package:sourceVersion", pkg.source().version());
        }
        for (int i = 0; i < pkg.locations().size(); i++) {
            Location location = pkg.locations().get(i);
            addProperty(properties, "portcullis:location:" + i + ":path", location.path());
            addProperty(properties, "portcullis:location:" + i + ":layerDiffId", location.layerDiffId());
        }
        for (Map.Entry<String, String> property : new TreeMap<>(pkg.properties()).entrySet()) {
            addProperty(properties, "portcullis:metadata:" + property.getKey(), property.getValue());
        }
        return properties;
    }

    private static Evidence evidence(List<Location> locations) {
        List<Occurrence> occurrences = new ArrayList<>();
        for (Location location : locations) {
            Occurrence occurrence = new Occurrence();
            occurrence.setLocation(location.path());
            if (location.layerDiffId() != null) {
                occurrence.setAdditionalContext("layer " + location.layerDiffId());
            }
            occurrences.add(occurrence);
        }
        Evidence evidence = new Evidence();
        if (!occurrences.isEmpty()) {
            evidence.setOccurrences(occurrences);
        }
        return evidence;
    }

    /**
     * The image contains the OS and the application packages; the OS contains its own packages.
     * CycloneDX has no "contains" edge outside nesting, and nesting would hide packages from tools
     * that read only the top-level list, so containment is expressed as dependencies.
     */
    private static List<Dependency> dependencies(String imageRef, String osRef, PackageRefs refs) {
        // Lists are set once, never grown with Dependency.addDependency: it scans for duplicates, which is
        // quadratic for images with tens of thousands of packages; our bom-refs are unique already. They hold the
        // packages' places in the document, not their bom-refs: a million purls would not fit where the inventory
        // does. Each Dependency is made only as it is written.
        List<PackageRefs.Entry> entries = refs.entries();
        IntPredicate inOs = i -> osRef != null && entries.get(i).pkg().installedByDistribution();
        int[] osChildren = IntStream.range(0, entries.size()).filter(inOs).toArray();
        int[] imageChildren = IntStream.range(0, entries.size()).filter(inOs.negate()).toArray();
        List<String> imageFirst = osRef == null ? List.of() : List.of(osRef);
        List<Dependency> dependencies = new ArrayList<>();
        dependencies.add(dependency(imageRef, new GeneratedList<>(imageFirst.size() + imageChildren.length,
                i -> i < imageFirst.size() ? imageFirst.get(i) : entries.get(imageChildren[i - imageFirst.size()]).ref())));
        if (osRef != null) {
            dependencies.add(dependency(osRef, new GeneratedList<>(osChildren.length, i -> entries.get(osChildren[i]).ref())));
        }
        return dependencies;
    }

    private static Dependency dependency(String ref, List<String> children) {
        Dependency dependency = new Dependency(ref);
        if (!children.isEmpty()) {
            dependency.setDependencies(new GeneratedList<>(children.size(), i -> new Dependency(children.get(i))));
        }
        return dependency;
    }

    private static Optional<Hash> hash(String digest) {
        Matcher matcher = DIGEST.matcher(digest);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        if (matcher.group(1) != null) {
            return Optional.of(new Hash(Hash.Algorithm.SHA_256, matcher.group(1)));
        }
        return matcher.group(2) != null
                ? Optional.of(new Hash(Hash.Algorithm.SHA_384, matcher.group(2)))
                : Optional.of(new Hash(Hash.Algorithm.SHA_512, matcher.group(3)));
    }

    private static void addProperty(List<Property> properties, String name, String value) {
        if (value != null) {
            Property property = new Property();
            property.setName(name);
            property.setValue(value);
            properties.add(property);
        }
    }
}
