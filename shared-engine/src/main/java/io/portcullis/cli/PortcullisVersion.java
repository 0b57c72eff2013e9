package io.portcullis.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven stamped into the jar manifest. */
final class PortcullisVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PortcullisVersion.class.getPackage().getImplementationVersion();
        return new String[] {"portcullis " + (version == null ? "dev" : version)};
    }
}
