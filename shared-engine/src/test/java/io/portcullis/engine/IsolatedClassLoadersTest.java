package io.portcullis.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Jenkins builds load the engine through two plugin / remoting class loaders in one agent JVM:
 * the library and its dependencies, natives included (sqlite-jdbc, zstd-jni), must load and scan in each.
 */
class IsolatedClassLoadersTest {

    @TempDir
    Path dir;

    @Test
    void theLibraryScansInTwoFreshClassLoadersAtOnce() throws Exception {
        Path db = DemoDatabase.build(dir);
        int expected = new ScanEngine().scan(ScanSpec.builder(DemoDatabase.IMAGE).database(db).tempDirectory(dir).build()).summary().getTotal().getTotal();
        assertTrue(expected > 0);

        URL[] library = libraryClassPath();
        try (URLClassLoader first = new URLClassLoader(library, ClassLoader.getPlatformClassLoader());
             URLClassLoader second = new URLClassLoader(library, ClassLoader.getPlatformClassLoader())) {
            Class<?> engineInFirst = first.loadClass(ScanEngine.class.getName());
            Class<?> engineInSecond = second.loadClass(ScanEngine.class.getName());
            assertNotSame(ScanEngine.class, engineInFirst);
            assertNotSame(engineInFirst, engineInSecond);
            assertEquals(expected, totalFindings(first, db));
            assertEquals(expected, totalFindings(second, db));
            assertEquals(expected, totalFindings(first, db), "the first loader still works after the second loaded its natives");
            byte[] text = "a zstd layer needs the native library in every loader".repeat(20).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(text, zstdRoundTrip(first, text));
            assertArrayEquals(text, zstdRoundTrip(second, text));
        }
    }

    /** The engine's classes and its dependencies, as a host would put them on its plugin's class path: not the tests. */
    private static URL[] libraryClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("test-classes") && !entry.contains("surefire")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertTrue(urls.stream().anyMatch(u -> u.getPath().contains("sqlite-jdbc")), Arrays.toString(urls.toArray()));
        return urls.toArray(URL[]::new);
    }

    /** new ScanEngine().scan(ScanSpec.builder(image).database(db).build()).summary().getTotal().getTotal(), in {@code loader}. */
    private static int totalFindings(ClassLoader loader, Path db) throws Exception {
        Class<?> specClass = loader.loadClass(ScanSpec.class.getName());
        Object builder = specClass.getMethod("builder", String.class).invoke(null, DemoDatabase.IMAGE);
        Class<?> builderClass = builder.getClass();
        builderClass.getMethod("database", Path.class).invoke(builder, db);
        builderClass.getMethod("tempDirectory", Path.class).invoke(builder, db.getParent());
        Object spec = builderClass.getMethod("build").invoke(builder);
        Class<?> engineClass = loader.loadClass(ScanEngine.class.getName());
        Object engine = engineClass.getConstructor().newInstance();
        Object outcome = engineClass.getMethod("scan", specClass).invoke(engine, spec);
        Object summary = outcome.getClass().getMethod("summary").invoke(outcome);
        Object total = summary.getClass().getMethod("getTotal").invoke(summary);
        return (int) total.getClass().getMethod("getTotal").invoke(total);
    }

    private static byte[] zstdRoundTrip(ClassLoader loader, byte[] data) throws Exception {
        Class<?> zstd = loader.loadClass("com.github.luben.zstd.Zstd");
        Method compress = zstd.getMethod("compress", byte[].class, int.class);
        Method decompress = zstd.getMethod("decompress", byte[].class, int.class);
        byte[] packed = (byte[]) compress.invoke(null, data, 3);
        assertTrue(packed.length < data.length);
        return (byte[]) decompress.invoke(null, packed, data.length);
    }
}
