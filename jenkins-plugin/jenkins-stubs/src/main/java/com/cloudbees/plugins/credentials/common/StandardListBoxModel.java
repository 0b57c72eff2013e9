package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    public StandardListBoxModel() {
    }

    @Override
    protected String describe(StandardCredentials c) {
        return c.getId();
    }
}
