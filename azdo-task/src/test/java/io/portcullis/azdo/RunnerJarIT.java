package io.portcullis.azdo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.azd.helpers.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded runner jar runs on our Jackson: azd's jar carries unrelocated Jackson 2.14 classes,
 * which the shade filter keeps out, so the Jackson loaded from the runner jar is our release.
 */
class RunnerJarIT {

    private static final Path JAR = Path.of(System.getProperty("portcullis.runnerJar"));
    private static final String DATABIND_POM = "META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties";

    @Test
    void theJacksonLoadedFromTheRunnerJarIsOursNotTheOneAzdBundles() throws Exception {
        Path ourDatabind = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(ourDatabind.getFileName().toString().startsWith("jackson-databind-"), "test class path loads Jackson from " + ourDatabind);
        String ours = pomVersion(ourDatabind);
        Path azdJar = Path.of(JsonMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertNotEquals(ours, pomVersion(azdJar), "azd no longer bundles its own Jackson: this test proves nothing");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String versionClass : List.of("com.fasterxml.jackson.databind.cfg.PackageVersion", "com.fasterxml.jackson.core.json.PackageVersion")) {
                assertEquals(ours, loader.loadClass(versionClass).getField("VERSION").get(null).toString(), versionClass);
            }
            // azd still works on it: its mapper is a subclass of our ObjectMapper.
            Class<?> azdMapper = loader.loadClass("org.azd.helpers.JsonMapper");
            assertEquals(loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"), azdMapper.getSuperclass());
            Object mapper = azdMapper.getConstructor().newInstance();
            assertEquals("{\"a\":1}", azdMapper.getMethod("convertToString", Object.class).invoke(mapper, Map.of("a", 1)));
        }
        assertEquals(ours, pomVersion(JAR));
    }

    private static String pomVersion(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(DATABIND_POM))) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
