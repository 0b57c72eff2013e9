package io.portcullis.sbom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.BomReference;
import org.cyclonedx.util.mixin.MixInBomReference;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a CycloneDX BOM as JSON straight to a stream with the CycloneDX library's own serialisers, where the
 * library only offers one String of the whole document ({@code toJsonString()}). The output is the same, byte
 * for byte: the library's mapper and pretty printer, characters encoded as {@code String.getBytes(UTF_8)} would.
 * Together with {@link GeneratedList} components, memory does not grow with the number of components.
 */
final class CycloneDxJson extends BomJsonGenerator {

    CycloneDxJson(Bom bom) {
        super(bom, CycloneDxBoms.SPEC_VERSION);
        // What BomJsonGenerator.toJson adds before it serialises.
        mapper.addMixIn(BomReference.class, MixInBomReference.class);
    }

    /** Writes the document to {@code out} and flushes it; {@code out} stays open. */
    void writeTo(OutputStream out) throws IOException {
        // A Writer, not a UTF-8 generator: an unpaired surrogate in a package's text becomes '?' as before, not an error.
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(text)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            mapper.writer(prettyPrinter()).writeValue(generator, bom);
        }
        text.flush();
    }

    /** The library's JSON layout: Jackson's default, with array elements on lines of their own. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return printer;
    }
}
