package io.portcullis.secret;

/** How every output shows a secret: at most its first four characters, then a fixed mask that hides its length. */
public final class Redaction {
    static final String MASK = "****";
    private static final int SHOWN = 4;

    private Redaction() {
    }

    /** Shorter secrets show less, so that at most half of one is ever visible. */
    public static String of(CharSequence secret) {
        int shown = Math.min(SHOWN, secret.length() / 2);
        return secret.subSequence(0, shown) + MASK;
    }
}
