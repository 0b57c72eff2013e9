package io.portcullis.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;

/** Username/password credentials as the credentials plugin's store would hand them out. */
final class UsernamePassword implements StandardUsernamePasswordCredentials {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String username;
    private final Secret password;

    UsernamePassword(String id, String username, String password) {
        this.id = id;
        this.username = username;
        this.password = Secret.fromString(password);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public Secret getPassword() {
        return password;
    }
}
