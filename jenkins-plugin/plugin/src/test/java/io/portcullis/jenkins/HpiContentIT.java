package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the built target/portcullis.hpi and checks what Jenkins' plugin manager reads from it. */
class HpiContentIT {
    /** The plugin's own classes, archived by the war plugin as WEB-INF/lib/artifactId-version.jar. */
    private static final String PLUGIN_JAR = "portcullis-0.1.0-SNAPSHOT.jar";
    private static final Path HPI = Path.of(System.getProperty("portcullis.hpi", "jenkins-plugin/plugin/target/portcullis.hpi"));

    @TempDir
    static Path unpacked;

    private static final Map<String, Path> libs = new HashMap<>();

    @BeforeAll
    static void unpackLibs() throws IOException {
        try (ZipFile hpi = new ZipFile(HPI.toFile())) {
            for (Enumeration<? extends ZipEntry> e = hpi.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
                    Path target = unpacked.resolve(entry.getName().substring("WEB-INF/lib/".length()));
                    try (InputStream in = hpi.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                    libs.put(target.getFileName().toString(), target);
                }
            }
        }
    }

    @Test
    void manifestHasEveryEntryThePluginManagerReads() throws IOException {
        Attributes a;
        try (JarFile hpi = new JarFile(HPI.toFile())) {
            a = hpi.getManifest().getMainAttributes();
        }
        assertEquals("1.0", a.getValue("Manifest-Version"));
        assertEquals("portcullis", a.getValue("Short-Name"));
        assertEquals("Portcullis container security", a.getValue("Long-Name"));
        assertEquals("0.1.0-SNAPSHOT", a.getValue("Plugin-Version"));
        assertEquals("2.504.1", a.getValue("Jenkins-Version"));
        assertEquals("io.portcullis", a.getValue("Group-Id"));
        assertEquals("portcullis", a.getValue("Artifact-Id"));
        assertEquals("17", a.getValue("Minimum-Java-Version"));
        assertEquals("true", a.getValue("Support-Dynamic-Loading"));
        assertNotNull(a.getValue("Url"));
        assertNotNull(a.getValue("Plugin-License-Name"));
        assertNotNull(a.getValue("Plugin-License-Url"));

        Map<String, String> installed = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../shared/jenkins-api/plugins-2.503.tsv"))) {
            String[] cols = line.split("\t");
            installed.put(cols[0], cols[1]);
        }
        List<String> deps = List.of(a.getValue("Plugin-Dependencies").split(","));
        Set<String> names = new TreeSet<>();
        for (String dep : deps) {
            String[] nameVersion = dep.split(":");
            names.add(nameVersion[0]);
            assertEquals(installed.get(nameVersion[0]), nameVersion[1], "minimum version of " + nameVersion[0]);
        }
        assertEquals(Set.of("credentials", "ionicons-api", "structs", "workflow-api", "workflow-step-api"), names);
    }

    @Test
    void extensionIndexListsEveryExtensionAsSezPozReadsIt() throws Exception {
        Path pluginJar = libs.get(PLUGIN_JAR);
        assertNotNull(pluginJar, PLUGIN_JAR + " in " + libs.keySet());
        Set<String> annotated = new TreeSet<>();
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            assertNotNull(jar.getEntry("META-INF/annotations/hudson.Extension"));
            String text = new String(jar.getInputStream(jar.getEntry("META-INF/annotations/hudson.Extension.txt")).readAllBytes(),
                    StandardCharsets.UTF_8);
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class")) {
                    Class<?> c = Class.forName(name.replace('/', '.').replaceAll("\\.class$", ""), false, getClass().getClassLoader());
                    if (c.isAnnotationPresent(Extension.class)) {
                        annotated.add(c.getName());
                        assertTrue(text.contains(c.getName()), c.getName() + " in hudson.Extension.txt");
                    }
                }
            }
        }
        assertEquals(Set.of("io.portcullis.jenkins.PortcullisConfiguration", "io.portcullis.jenkins.ScanImageBuilder$DescriptorImpl",
                "io.portcullis.jenkins.ScanImageStep$DescriptorImpl"), annotated);

        // Jenkins reads the binary index through SezPoz's Index, from the plugin's own class loader.
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, getClass().getClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
        }
        assertEquals(annotated, indexed);
    }

    @Test
    void bundlesTheEngineLibraryAndNothingCoreProvides() throws IOException {
        Set<String> core = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("../shared/jenkins-api/core-libraries-2.503.tsv"))) {
            core.add(line.split("\t")[0]);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> lib : libs.entrySet()) {
            String artifactId = artifactId(lib.getValue(), lib.getKey());
            if (core.contains(artifactId)) {
                problems.add(lib.getKey() + " is " + artifactId + ", which Jenkins core provides");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(libs.containsKey("shared-engine-0.1.0-SNAPSHOT.jar"), libs.keySet().toString());
        try (JarFile engine = new JarFile(libs.get("shared-engine-0.1.0-SNAPSHOT.jar").toFile())) {
            assertNotNull(engine.getEntry("io/portcullis/engine/ScanEngine.class"));
            assertEquals(null, engine.getEntry("org/sqlite/JDBC.class"), "the engine library jar, not the CLI's shaded one");
        }
        assertTrue(libs.keySet().stream().noneMatch(n -> n.startsWith("jenkins-stubs")), "stubs never packaged");
        assertTrue(libs.keySet().stream().anyMatch(n -> n.startsWith("sqlite-jdbc")), libs.keySet().toString());
    }

    @Test
    void noStubClassAndTheFindingsViewIsPackaged() throws IOException {
        List<String> stubPackages = List.of("hudson/", "jenkins/", "org/kohsuke/stapler/", "org/jenkinsci/plugins/workflow/",
                "org/jenkinsci/remoting/", "com/cloudbees/plugins/credentials/", "org/jenkinsci/Symbol");
        Set<String> viewFiles = new TreeSet<>();
        for (Map.Entry<String, Path> lib : libs.entrySet()) {
            try (JarFile jar = new JarFile(lib.getValue().toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    String name = e.nextElement().getName();
                    for (String stub : stubPackages) {
                        assertTrue(!name.startsWith(stub) || !name.endsWith(".class"), lib.getKey() + " holds " + name);
                    }
                    if (name.startsWith("io/portcullis/findings-view/")) {
                        viewFiles.add(name);
                    }
                }
            }
        }
        assertTrue(viewFiles.containsAll(Set.of("io/portcullis/findings-view/findings-view.js", "io/portcullis/findings-view/findings-view.css")),
                viewFiles.toString());
        try (JarFile plugin = new JarFile(libs.get(PLUGIN_JAR).toFile())) {
            assertNotNull(plugin.getEntry("io/portcullis/jenkins/ContainerSecurityAction/tab.js"));
            assertNotNull(plugin.getEntry("io/portcullis/jenkins/ScanImageBuilder/help-image.html"));
        }
    }

    /** From the jar's own pom.properties, else from its file name (name-version.jar). */
    private static String artifactId(Path jar, String fileName) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("artifactId");
                }
            }
        }
        return fileName.replaceAll("-\\d.*$", "").replaceAll("\\.jar$", "");
    }
}
