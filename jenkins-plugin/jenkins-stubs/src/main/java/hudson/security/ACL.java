package hudson.security;

import java.util.function.BiFunction;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public ACL() {
    }

    /** As the real one: denies with AccessDeniedException when the current authentication lacks the permission. */
    public final void checkPermission(Permission p) {
        if (!hasPermission2(Jenkins.getAuthentication2(), p)) {
            throw new AccessDeniedException("missing permission " + p);
        }
    }

    public final boolean hasPermission(Permission p) {
        return hasPermission2(Jenkins.getAuthentication2(), p);
    }

    public boolean hasPermission2(Authentication a, Permission permission) {
        return false;
    }

    public static ACL lambda2(BiFunction<Authentication, Permission, Boolean> impl) {
        return new ACL() {
            @Override
            public boolean hasPermission2(Authentication a, Permission permission) {
                return impl.apply(a, permission);
            }
        };
    }
}
