package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    // Compile-time constants only: the stub AccessControlled grants every permission.
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
}
