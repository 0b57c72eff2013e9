package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    // Compile-time constants only: the stub ACLs decide without looking at the permission's identity.
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
}
