package io.portcullis.cli;

import io.portcullis.engine.ScanEngine;
import io.portcullis.engine.ScanSpec;
import io.portcullis.engine.ScanType;
import io.portcullis.sbom.SbomFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code portcullis sbom IMAGE}: what is installed, as a CycloneDX or SPDX document; a {@link ScanType#SBOM} scan. */
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

    private final CliContext context;

    SbomCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ScanSpec.Builder scan = ScanSpec.builder(image)
                .scanType(ScanType.SBOM)
                .excludeAnalyzers(analyzerOptions.excluded(spec))
                .cacheDirectory(layerOptions.cacheDirectory(context))
                .tempDirectory(imageOptions.tempDirectory(context))
                .limits(layerOptions.limits())
                .listener(new CliProgress(context.stderr(), context.terminal(), false));
        if (output != null) {
            scan.sbom(format, output);
        } else {
            scan.sbom(format, context.stdout());
        }
        imageOptions.applyTo(scan, image, context.stdin(), context.environment(), context.home());
        new ScanEngine().scan(scan.build());
        context.stdout().flush();
        return PortcullisCli.EXIT_PASS;
    }
}
