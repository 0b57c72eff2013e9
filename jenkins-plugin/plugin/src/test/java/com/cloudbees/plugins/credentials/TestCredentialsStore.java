package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import java.util.List;

/** Fills the stub credentials store and reads which credentials a build used. */
public final class TestCredentialsStore {
    private TestCredentialsStore() {
    }

    public static void add(IdCredentials c) {
        CredentialsProvider.STORE.put(c.getId(), c);
    }

    public static void clear() {
        CredentialsProvider.STORE.clear();
        CredentialsProvider.TRACKED.clear();
    }

    /** Each tracked use as {run, credentials}. */
    public static List<Object[]> tracked() {
        return List.copyOf(CredentialsProvider.TRACKED);
    }
}
