package com.cloudbees.plugins.credentials.domains;

import java.util.ArrayList;
import java.util.List;

public class URIRequirementBuilder {
    private final String uri;

    private URIRequirementBuilder(String uri) {
        this.uri = uri;
    }

    public static URIRequirementBuilder fromUri(String uri) {
        return new URIRequirementBuilder(uri);
    }

    public List<DomainRequirement> build() {
        return new ArrayList<>(List.of(new DomainRequirement()));
    }
}
