package io.portcullis.scan;

import io.portcullis.analyzer.Analyzer;
import io.portcullis.inventory.apk.ApkInstalledAnalyzer;
import io.portcullis.inventory.dotnet.DepsJsonAnalyzer;
import io.portcullis.inventory.dpkg.DpkgFileListAnalyzer;
import io.portcullis.inventory.dpkg.DpkgStatusAnalyzer;
import io.portcullis.inventory.golang.GoBinaryAnalyzer;
import io.portcullis.inventory.java.JavaArchiveAnalyzer;
import io.portcullis.inventory.npm.NodeModuleAnalyzer;
import io.portcullis.inventory.npm.NpmApplicationAnalyzer;
import io.portcullis.inventory.npm.PackageLockAnalyzer;
import io.portcullis.inventory.os.OsReleaseAnalyzer;
import io.portcullis.inventory.php.ComposerInstalledAnalyzer;
import io.portcullis.inventory.python.PythonMetadataAnalyzer;
import io.portcullis.inventory.rpm.RpmDatabaseAnalyzer;
import io.portcullis.inventory.ruby.GemspecAnalyzer;
import io.portcullis.inventory.rust.CargoAuditableAnalyzer;

import java.util.List;

/** The analyzers a scan runs unless told otherwise: every OS and application format Portcullis reads. */
public final class BuiltInAnalyzers {

    private BuiltInAnalyzers() {
    }

    public static List<Analyzer> all() {
        return List.of(
                new OsReleaseAnalyzer(),
                new DpkgStatusAnalyzer(),
                new DpkgFileListAnalyzer(),
                new ApkInstalledAnalyzer(),
                new RpmDatabaseAnalyzer(),
                new JavaArchiveAnalyzer(),
                new NodeModuleAnalyzer(),
                new PackageLockAnalyzer(),
                new NpmApplicationAnalyzer(),
                new PythonMetadataAnalyzer(),
                new GoBinaryAnalyzer(),
                new GemspecAnalyzer(),
                new ComposerInstalledAnalyzer(),
                new DepsJsonAnalyzer(),
                new CargoAuditableAnalyzer());
    }
}
