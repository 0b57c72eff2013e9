package io.portcullis.jenkins.stubs;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders a compiled class and its members in the notation of signatures.tsv, with simple type names. */
final class Signatures {
    private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z_$])");
    private static final Pattern OUTER_PREFIX = Pattern.compile("\\b[A-Z][\\w$]*\\.(?=[A-Za-z_$])");

    private Signatures() {
    }

    /**
     * The listing writes names as the source does (simple, qualified, or Outer.Inner); reflection knows the
     * binary name. Both sides are compared by simple name.
     */
    static String simpleNames(String s) {
        String out = PACKAGE_PREFIX.matcher(s).replaceAll("");
        String before;
        do {
            before = out;
            out = OUTER_PREFIX.matcher(out).replaceAll("");
        } while (!out.equals(before));
        return out.replaceAll("\\s+", " ").trim();
    }

    static String type(Type t) {
        if (t instanceof Class<?> c) {
            return c.isArray() ? type(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (t instanceof ParameterizedType p) {
            return type(p.getRawType()) + "<" + Arrays.stream(p.getActualTypeArguments()).map(Signatures::type)
                    .collect(Collectors.joining(", ")) + ">";
        }
        if (t instanceof TypeVariable<?> v) {
            return v.getName();
        }
        if (t instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + type(w.getLowerBounds()[0]);
            }
            Type[] upper = w.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + type(upper[0]);
        }
        if (t instanceof GenericArrayType g) {
            return type(g.getGenericComponentType()) + "[]";
        }
        throw new IllegalArgumentException("unknown type " + t);
    }

    static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return "<" + Arrays.stream(vars).map(v -> {
            List<String> bounds = Arrays.stream(v.getBounds()).filter(b -> b != Object.class).map(Signatures::type).toList();
            return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
        }).collect(Collectors.joining(", ")) + ">";
    }

    /** "public abstract class Name<T>", without supertypes or meta-annotations. */
    static String typeHead(Class<?> c) {
        List<String> mods = new ArrayList<>();
        int m = c.getModifiers();
        access(m, mods);
        boolean nested = c.getEnclosingClass() != null;
        String kind;
        if (c.isAnnotation()) {
            kind = "@interface";
            if (nested) {
                mods.add("static");
            }
        } else if (c.isInterface()) {
            kind = "interface";
            if (nested) {
                mods.add("static");
            }
        } else if (c.isEnum()) {
            kind = "enum";
            if (nested) {
                mods.add("static");
            }
        } else {
            kind = "class";
            if (Modifier.isAbstract(m)) {
                mods.add("abstract");
            }
            if (Modifier.isStatic(m)) {
                mods.add("static");
            }
            if (Modifier.isFinal(m)) {
                mods.add("final");
            }
        }
        mods.add(kind);
        return String.join(" ", mods) + " " + c.getSimpleName() + typeParameters(c.getTypeParameters());
    }

    /** Supertypes the class declares, generic arguments included (Object and the implicit ones omitted). */
    static List<String> supertypes(Class<?> c) {
        List<String> out = new ArrayList<>();
        Type sup = c.getGenericSuperclass();
        if (sup != null && sup != Object.class && !c.isEnum()) {
            out.add(type(sup));
        }
        for (Type i : c.getGenericInterfaces()) {
            if (!(c.isAnnotation() && i == Annotation.class)) {
                out.add(type(i));
            }
        }
        return out;
    }

    /** The meta-annotations the listing gives on an annotation type's line. */
    static List<String> metaAnnotations(Class<?> c) {
        List<String> out = new ArrayList<>();
        Retention r = c.getAnnotation(Retention.class);
        if (r != null) {
            out.add("@Retention(" + r.value().name() + ")");
        }
        Target t = c.getAnnotation(Target.class);
        if (t != null) {
            String values = Arrays.stream(t.value()).map(Enum::name).collect(Collectors.joining(", "));
            out.add(t.value().length == 1 ? "@Target(" + values + ")" : "@Target({" + values + "})");
        }
        if (c.isAnnotationPresent(Documented.class)) {
            out.add("@Documented");
        }
        if (c.isAnnotationPresent(Inherited.class)) {
            out.add("@Inherited");
        }
        Repeatable rep = c.getAnnotation(Repeatable.class);
        if (rep != null) {
            out.add("@Repeatable(" + rep.value().getSimpleName() + ".class)");
        }
        return out;
    }

    static String method(Method method) {
        List<String> mods = new ArrayList<>();
        int m = method.getModifiers();
        boolean inInterface = method.getDeclaringClass().isInterface();
        access(m, mods);
        if (inInterface && mods.isEmpty()) {
            mods.add("public");
        }
        if (Modifier.isAbstract(m)) {
            mods.add("abstract");
        }
        if (method.isDefault()) {
            mods.add("default");
        }
        if (Modifier.isStatic(m)) {
            mods.add("static");
        }
        if (Modifier.isFinal(m)) {
            mods.add("final");
        }
        String tp = typeParameters(method.getTypeParameters());
        return String.join(" ", mods) + (tp.isEmpty() ? "" : " " + tp) + " " + type(method.getGenericReturnType()) + " "
                + method.getName() + "(" + parameters(method) + ")";
    }

    static String constructor(Constructor<?> ctor) {
        List<String> mods = new ArrayList<>();
        access(ctor.getModifiers(), mods);
        return String.join(" ", mods) + " " + ctor.getDeclaringClass().getSimpleName() + "(" + parameters(ctor) + ")";
    }

    static String field(Field f) {
        List<String> mods = new ArrayList<>();
        int m = f.getModifiers();
        access(m, mods);
        if (Modifier.isStatic(m)) {
            mods.add("static");
        }
        if (Modifier.isFinal(m)) {
            mods.add("final");
        }
        if (Modifier.isTransient(m)) {
            mods.add("transient");
        }
        if (Modifier.isVolatile(m)) {
            mods.add("volatile");
        }
        return String.join(" ", mods) + " " + type(f.getGenericType()) + " " + f.getName();
    }

    static boolean isConstant(Field f) {
        return Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers());
    }

    static List<String> exceptions(Executable e) {
        return Arrays.stream(e.getGenericExceptionTypes()).map(Signatures::type).toList();
    }

    private static String parameters(Executable e) {
        Type[] params = e.getGenericParameterTypes();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            String t = type(params[i]);
            if (e.isVarArgs() && i == params.length - 1) {
                t = t.substring(0, t.length() - 2) + "...";
            }
            out.add(t);
        }
        return String.join(", ", out);
    }

    private static void access(int m, List<String> mods) {
        if (Modifier.isPublic(m)) {
            mods.add("public");
        } else if (Modifier.isProtected(m)) {
            mods.add("protected");
        }
    }
}
