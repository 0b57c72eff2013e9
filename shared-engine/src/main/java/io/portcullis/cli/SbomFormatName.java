package io.portcullis.cli;

import io.portcullis.sbom.SbomFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The format names Syft and Trivy users type. */
final class SbomFormatName implements ITypeConverter<SbomFormat> {
    @Override
    public SbomFormat convert(String value) {
        return switch (value) {
            case "cyclonedx-json", "cyclonedx" -> SbomFormat.CYCLONEDX_JSON;
            case "spdx-json", "spdx" -> SbomFormat.SPDX_JSON;
            default -> throw new TypeConversionException("unknown SBOM format '" + value + "': use cyclonedx-json or spdx-json");
        };
    }
}
