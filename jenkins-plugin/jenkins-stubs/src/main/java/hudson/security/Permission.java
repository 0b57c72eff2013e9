package hudson.security;

public final class Permission {
    // The real constructors take a PermissionGroup, which the listed API does not include.
    private Permission() {
    }
}
