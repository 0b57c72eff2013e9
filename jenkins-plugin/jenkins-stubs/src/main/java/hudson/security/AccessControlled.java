package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    /** The real one asks the ACL of the current authentication; here every permission is granted. */
    default void checkPermission(Permission p) throws AccessDeniedException {
    }

    default boolean hasPermission(Permission p) {
        return true;
    }
}
