package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission p) throws AccessDeniedException {
        getACL().checkPermission(p);
    }

    default boolean hasPermission(Permission p) {
        return getACL().hasPermission(p);
    }
}
