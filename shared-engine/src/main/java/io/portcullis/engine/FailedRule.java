package io.portcullis.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.Serializable;
import java.util.Objects;

/** A policy rule that failed the gate, and why: "critical_vulnerabilities", "3 critical finding(s), at most 0 allowed". */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class FailedRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private String rule;
    private String message;

    private FailedRule() {
    }

    public FailedRule(String rule, String message) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.message = Objects.requireNonNull(message, "message");
    }

    public String getRule() {
        return rule;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailedRule other && rule.equals(other.rule) && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, message);
    }

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
