package io.portcullis.secret;

import java.util.HashMap;
import java.util.Map;

/** Bits per character of a string's own character distribution: random keys score high, words and placeholders low. */
final class ShannonEntropy {
    private ShannonEntropy() {
    }

    static double bitsPerCharacter(CharSequence text) {
        if (text.length() == 0) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / text.length();
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }
}
