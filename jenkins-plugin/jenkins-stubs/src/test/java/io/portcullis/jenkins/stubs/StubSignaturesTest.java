package io.portcullis.jenkins.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StubSignaturesTest {
    private static StubChecker checker;

    @BeforeAll
    static void readListing() throws IOException {
        checker = new StubChecker(ListedApi.read(Path.of("../shared/jenkins-api/signatures.tsv")));
    }

    @Test
    void everyCompiledStubIsTheListedApi() throws Exception {
        List<Class<?>> stubs = compiledStubs();
        assertTrue(stubs.size() >= 60, "stubs found: " + stubs.size());
        List<String> problems = new ArrayList<>();
        for (Class<?> stub : stubs) {
            problems.addAll(checker.check(stub, stub.getCanonicalName()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aWrongReturnTypeIsCaught() throws Exception {
        assertProblem(fixture("wrongreturn.Secret"), "hudson.util.Secret", "method not listed: public Object getPlainText()");
    }

    @Test
    void aWrongParameterTypeIsCaught() throws Exception {
        assertProblem(fixture("wrongparameter.Secret"), "hudson.util.Secret", "method not listed: public static Secret fromString(char[])");
    }

    @Test
    void anExtraMethodIsCaught() throws Exception {
        assertProblem(fixture("extramethod.Secret"), "hudson.util.Secret", "method not listed: public char[] getChars()");
    }

    @Test
    void anExtraThrownExceptionIsCaught() throws Exception {
        assertProblem(fixture("extrathrows.Secret"), "hudson.util.Secret",
                "public String getPlainText() throws IOException, which the listing does not");
    }

    @Test
    void aWrongSupertypeIsCaught() throws Exception {
        assertProblem(fixture("wrongsupertype.Secret"), "hudson.util.Secret", "supertype not listed: Cloneable");
    }

    @Test
    void wrongModifiersAreCaught() throws Exception {
        assertProblem(fixture("notfinal.Secret"), "hudson.util.Secret",
                "type declared as 'public class Secret' but listed as 'public final class Secret'");
    }

    @Test
    void aWrongGenericArgumentIsCaught() throws Exception {
        assertProblem(fixture("wronggeneric.Actionable"), "hudson.model.Actionable", "method not listed: public List<Object> getActions()");
    }

    @Test
    void anExtraFieldIsCaught() throws Exception {
        assertProblem(fixture("extrafield.Result"), "hudson.model.Result", "field not listed: public final String name");
    }

    @Test
    void aWrongAnnotationDefaultIsCaught() throws Exception {
        assertProblem(fixture("wrongdefault.QueryParameter"), "org.kohsuke.stapler.QueryParameter",
                "element value has default x but listed \"\"");
    }

    @Test
    void aWrongAnnotationTargetIsCaught() throws Exception {
        assertProblem(fixture("wrongtarget.QueryParameter"), "org.kohsuke.stapler.QueryParameter", "meta-annotations");
    }

    @Test
    void fewerMembersSupertypesAndExceptionsAreAllowed() throws Exception {
        assertEquals(List.of(), checker.check(fixture("fewerthrows.FilePath"), "hudson.FilePath"));
    }

    @Test
    void anUnlistedTypeIsCaught() throws Exception {
        assertProblem(fixture("fewerthrows.FilePath"), "hudson.model.ItemGroup", "type not listed");
    }

    private static void assertProblem(Class<?> c, String listedAs, String expected) {
        List<String> problems = checker.check(c, listedAs);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    private static Class<?> fixture(String name) throws ClassNotFoundException {
        return Class.forName("io.portcullis.jenkins.stubs.fixtures." + name);
    }

    /** Every public or protected type compiled from the stub module's main sources. */
    private static List<Class<?>> compiledStubs() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(hudson.FilePath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path p : classFiles) {
            String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> c = Class.forName(name, false, StubSignaturesTest.class.getClassLoader());
            if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || !exported(c)) {
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private static boolean exported(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            int m = k.getModifiers();
            if (!(Modifier.isPublic(m) || (k != c || k.getEnclosingClass() != null) && Modifier.isProtected(m))) {
                return false;
            }
        }
        return true;
    }
}
