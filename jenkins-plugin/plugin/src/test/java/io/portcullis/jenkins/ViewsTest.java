package io.portcullis.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every Jelly view parsed as XML: its {@code it.x} expressions name real getters or methods of the class the
 * view belongs to, and nothing in it is script that Jenkins' Content-Security-Policy would block.
 */
class ViewsTest {
    static final Path VIEWS = Path.of("jenkins-plugin/plugin/src/main/resources/io/portcullis/jenkins");
    private static final Pattern IT_CHAIN = Pattern.compile("\\bit((?:\\.[A-Za-z_][A-Za-z0-9_]*(?:\\(\\))?)+)");

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(VIEWS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Class<?> ownerOf(Path view) throws ClassNotFoundException {
        return Class.forName("io.portcullis.jenkins." + view.getParent().getFileName());
    }

    @Test
    void everyViewIsWellFormedAndWithoutInlineScript() throws Exception {
        List<Path> views = files(".jelly");
        assertTrue(views.size() >= 6, "views: " + views);
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(view.toFile());
            walk(doc.getDocumentElement(), view, problems);
            String text = Files.readString(view);
            if (!text.startsWith("<?jelly escape-by-default='true'?>")) {
                problems.add(view + ": not escape-by-default");
            }
            if (text.toLowerCase(Locale.ROOT).contains("javascript:")) {
                problems.add(view + ": javascript: URL");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void walk(Element e, Path view, List<String> problems) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        if (name.equalsIgnoreCase("script") || name.equalsIgnoreCase("iframe") || e.getTagName().equals("st:bind")) {
            problems.add(view + ": <" + e.getTagName() + ">");
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String attr = attrs.item(i).getNodeName();
            if (attr.toLowerCase(Locale.ROOT).startsWith("on")) {
                problems.add(view + ": event attribute " + attr);
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                walk((Element) children.item(i), view, problems);
            }
        }
    }

    @Test
    void everyItExpressionNamesARealMember() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path view : files(".jelly")) {
            if (view.getFileName().toString().equals("config.jelly")) {
                continue; // a config form's "it" is the instance or the descriptor; its fields are checked below
            }
            Class<?> owner = ownerOf(view);
            Matcher m = IT_CHAIN.matcher(Files.readString(view));
            while (m.find()) {
                checked++;
                Type type = owner;
                for (String part : m.group(1).substring(1).split("\\.")) {
                    Optional<Type> next = member(type, part);
                    if (next.isEmpty()) {
                        problems.add(view.getFileName() + " of " + owner.getSimpleName() + ": it" + m.group(1) + " (no " + part + ")");
                        break;
                    }
                    type = next.get();
                }
            }
        }
        assertTrue(checked >= 15, "expressions checked: " + checked);
        assertEquals(List.of(), problems);
    }

    /** What JEXL resolves {@code part} to on {@code type}: a getter/is-getter, or a method when written with (). */
    private static Optional<Type> member(Type type, String part) {
        Class<?> c = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        boolean call = part.endsWith("()");
        String name = call ? part.substring(0, part.length() - 2) : part;
        for (Method method : c.getMethods()) {
            if (method.getParameterCount() != 0) {
                continue;
            }
            String n = method.getName();
            boolean matches = call ? n.equals(name)
                    : n.equals("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                            || n.equals("is" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            if (matches) {
                return Optional.of(method.getGenericReturnType());
            }
        }
        return Optional.empty();
    }

    @Test
    void everyFormFieldAndHelpFileIsADataBoundProperty() throws Exception {
        for (String owner : List.of("ScanImageStep", "ScanImageBuilder", "PortcullisConfiguration")) {
            Class<?> c = Class.forName("io.portcullis.jenkins." + owner);
            Set<String> properties = new TreeSet<>();
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class)) {
                    properties.add(Introspector.decapitalize(m.getName().substring(3)));
                }
            }
            Set<String> helps = new TreeSet<>();
            Path folder = VIEWS.resolve(owner.equals("ScanImageBuilder") ? "ScanImageStep" : owner);
            try (Stream<Path> s = Files.list(folder)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("help-") && n.endsWith(".html"))
                        .forEach(n -> helps.add(n.substring(5, n.length() - 5)));
            }
            assertEquals(properties, helps, owner + ": a help page for each parameter and no other");

            Document form = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(VIEWS.resolve(owner).resolve("config.jelly").toFile());
            NodeList entries = form.getElementsByTagName("f:entry");
            assertTrue(entries.getLength() > 0, owner);
            for (int i = 0; i < entries.getLength(); i++) {
                String field = ((Element) entries.item(i)).getAttribute("field");
                assertTrue(properties.contains(field), owner + " form field " + field);
            }
        }
    }

    @Test
    void helpPagesAreStaticMarkup() throws Exception {
        for (Path help : files(".html")) {
            String text = Files.readString(help).toLowerCase(Locale.ROOT);
            assertFalse(text.contains("<script") || text.contains("javascript:") || text.matches("(?s).*\\son[a-z]+=.*"), help.toString());
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(help.toFile());
        }
    }
}
