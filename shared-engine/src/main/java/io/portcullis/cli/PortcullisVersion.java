package io.portcullis.cli;

import io.portcullis.sbom.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code portcullis --version}: the version Maven stamped into the jar manifest. */
final class PortcullisVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"portcullis " + ToolVersion.current()};
    }
}
