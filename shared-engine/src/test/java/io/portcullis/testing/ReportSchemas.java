package io.portcullis.testing;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.portcullis.report.JsonReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The schemas our JSON outputs are held to, loaded with format assertions on (a date that is no date fails). */
public final class ReportSchemas {

    private ReportSchemas() {
    }

    /** The schema of our own JSON report, as shipped in the jar for consumers. */
    public static JsonSchema jsonReport() throws IOException {
        return load(JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE), SpecVersion.VersionFlag.V202012);
    }

    /** The OASIS SARIF 2.1.0 (errata 01) schema, committed unchanged; it declares draft-04. */
    public static JsonSchema sarif() throws IOException {
        return load(Files.newInputStream(Path.of("shared-engine/src/test/resources/schemas/sarif-schema-2.1.0.json")),
                SpecVersion.VersionFlag.V4);
    }

    private static JsonSchema load(InputStream schema, SpecVersion.VersionFlag version) throws IOException {
        try (schema) {
            return JsonSchemaFactory.getInstance(version)
                    .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }
}
