package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.engine.ProxySettings;
import io.portcullis.engine.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's proxy (the agent's .proxy configuration, handed to tasks as AGENT_PROXYURL,
 * AGENT_PROXYUSERNAME, AGENT_PROXYPASSWORD and AGENT_PROXYBYPASSLIST). The agent's bypass list
 * holds regular expressions; those that are a host or a domain suffix ({@code .*\.corp\.example})
 * become NO_PROXY entries, any other is reported in {@link #unusedBypassEntries()}.
 */
record AgentProxy(ProxySettings settings, List<String> unusedBypassEntries) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOST_PATTERN =
            Pattern.compile("\\^?(\\.\\*\\\\?\\.?|\\*\\.)?((?:[A-Za-z0-9-]+|\\\\\\.)+)(:\\d+)?\\$?");

    static Optional<AgentProxy> read(TaskEnvironment env) {
        Optional<String> url = env.variable("Agent.ProxyUrl");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI proxy;
        try {
            proxy = new URI(url.get());
        } catch (URISyntaxException e) {
            throw new TaskInputException("the agent's proxy URL is not a URL");
        }
        if (proxy.getHost() == null) {
            throw new TaskInputException("the agent's proxy URL names no host");
        }
        List<String> noProxy = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        for (String entry : bypassEntries(env.variable("Agent.ProxyBypassList").orElse(""))) {
            Optional<String> host = noProxyEntry(entry);
            if (host.isPresent()) {
                noProxy.add(host.get());
            } else {
                unused.add(entry);
            }
        }
        ProxySettings settings = ProxySettings.of(proxy, noProxy);
        Optional<String> user = env.variable("Agent.ProxyUsername");
        if (user.isPresent()) {
            settings = settings.withCredentials(user.get(), Secret.of(env.variable("Agent.ProxyPassword").orElse("")));
        }
        return Optional.of(new AgentProxy(settings, List.copyOf(unused)));
    }

    /** ".*\.corp\.example" is ".corp.example", "build\.corp\.example" is "build.corp.example". */
    static Optional<String> noProxyEntry(String regex) {
        Matcher m = HOST_PATTERN.matcher(regex.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(2).replace("\\.", ".") + (m.group(3) == null ? "" : m.group(3));
        if (host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) == null ? host : "." + host);
    }

    private static List<String> bypassEntries(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        if (value.trim().startsWith("[")) {
            try {
                List<String> entries = new ArrayList<>();
                for (JsonNode entry : JSON.readTree(value)) {
                    entries.add(entry.asText());
                }
                return entries;
            } catch (IOException e) {
                throw new TaskInputException("the agent's proxy bypass list is not a JSON list");
            }
        }
        return List.of(value.split("[,\\r\\n]+"));
    }
}
