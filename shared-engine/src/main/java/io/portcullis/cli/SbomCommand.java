package io.portcullis.cli;

import io.portcullis.sbom.SbomFormat;
import io.portcullis.sbom.SbomWriter;
import io.portcullis.scan.ScanRequest;
import io.portcullis.scan.ScanResult;
import io.portcullis.scan.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code portcullis sbom IMAGE}: what is installed, as a CycloneDX or SPDX document. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = "List what is installed in an image as a CycloneDX 1.6 or SPDX 2.3 JSON SBOM.")
final class SbomCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "Registry reference, docker-archive:FILE, oci:DIR[:TAG], rootfs:DIR, or a file/dir to sniff.")
    String image;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "cyclonedx-json (default) or spdx-json.", converter = SbomFormatName.class)
    SbomFormat format = SbomFormat.CYCLONEDX_JSON;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (atomically) instead of standard output.")
    Path output;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    LayerOptions layerOptions;

    @Mixin
    AnalyzerOptions analyzerOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ScanRequest request = new ScanRequest(image, imageOptions.toSourceOptions(System.in), analyzerOptions.analyzers(spec),
                layerOptions.cache(), layerOptions.limits());
        ScanResult result = Scanner.create().inventory(request);
        SbomWriter writer = SbomWriter.create();
        if (output != null) {
            writer.write(result.image(), result.inventory(), format, output);
        } else {
            PrintStream out = System.out;
            writer.write(result.image(), result.inventory(), format, out);
            out.flush();
        }
        Diagnostics diagnostics = new Diagnostics(spec.commandLine().getErr());
        result.inventory().warnings().forEach(diagnostics::warning);
        return PortcullisCli.EXIT_PASS;
    }
}
