package io.portcullis.kubernetes;

import io.portcullis.image.ImageReference;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * An approved-registry entry as the seed's Falco rule writes it ({@code production.azurecr.io/*}): a glob over
 * the image's repository with its registry ({@code production.azurecr.io/team/app}), {@code *} matching any run
 * of characters, {@code /} included. An entry without {@code /} or {@code *} names a registry host and means
 * every repository on it. Registry hosts compare without case, as DNS names do; repository paths are lower case
 * by the reference grammar. The repository is taken as Docker normalises it, so {@code nginx} is
 * {@code docker.io/library/nginx}.
 */
final class RegistryPattern {
    private RegistryPattern() {
    }

    static boolean matches(String pattern, ImageReference image) {
        String repository = image.registry().toLowerCase(Locale.ROOT) + "/" + image.repository();
        String glob = pattern.trim().toLowerCase(Locale.ROOT);
        if (!glob.contains("/") && !glob.contains("*")) {
            glob = glob + "/*";
        }
        String regex = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.matches(regex, repository);
    }
}
