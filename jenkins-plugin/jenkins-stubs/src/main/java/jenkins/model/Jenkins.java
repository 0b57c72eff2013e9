package jenkins.model;

import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.core.Authentication;

public class Jenkins implements AccessControlled {
    // Compile-time constant only: the stub ACLs decide without looking at the permission's identity.
    public static final Permission ADMINISTER = null;

    private static volatile Jenkins instance;

    // Stand-in for the extension list of a running Jenkins, filled by test code in this package.
    final List<Descriptor<?>> descriptors = new CopyOnWriteArrayList<>();

    // Stand-in for the authorization strategy, set by test code in this package.
    volatile ACL acl = ACL.lambda2((a, p) -> true);

    Jenkins() {
    }

    @Override
    public ACL getACL() {
        return acl;
    }

    static void setInstance(Jenkins j) {
        instance = j;
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins j = instance;
        if (j == null) {
            throw new IllegalStateException("Jenkins.instance is missing");
        }
        return j;
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        for (Descriptor<?> d : descriptors) {
            if (type.isInstance(d)) {
                return type.cast(d);
            }
        }
        return null;
    }

    public static Authentication getAuthentication2() {
        return null;
    }
}
