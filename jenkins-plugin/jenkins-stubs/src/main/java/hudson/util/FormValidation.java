package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    public final Kind kind;

    FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation error(String message) {
        return new Plain(Kind.ERROR, message);
    }

    public static FormValidation warning(String message) {
        return new Plain(Kind.WARNING, message);
    }

    public static FormValidation ok() {
        return new Plain(Kind.OK, null);
    }

    public abstract String renderHtml();

    public static enum Kind {
        OK, WARNING, ERROR
    }

    private static final class Plain extends FormValidation {
        Plain(Kind kind, String message) {
            super(kind, message);
        }

        @Override
        public String renderHtml() {
            String m = getMessage();
            return m == null ? "<div/>" : "<div>" + m.replace("&", "&amp;").replace("<", "&lt;") + "</div>";
        }
    }
}
