package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Run;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class CredentialsProvider {
    // Stand-ins for the credential stores and fingerprints of a running Jenkins, filled by test code in this package.
    static final Map<String, IdCredentials> STORE = new ConcurrentHashMap<>();
    static final List<Object[]> TRACKED = new CopyOnWriteArrayList<>();

    CredentialsProvider() {
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        IdCredentials c = STORE.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }

    public static <C extends Credentials> C track(Run run, C credentials) {
        TRACKED.add(new Object[] {run, credentials});
        return credentials;
    }
}
