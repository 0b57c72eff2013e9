package io.portcullis.testing;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JUnit XML schema Jenkins' junit plugin reads (see {@code schemas/junit-10.SOURCE.md}): a JUnit report that does
 * not validate against it would be refused or misread by the CI that consumes it.
 */
public final class JunitXsd {

    private static final Path XSD = Path.of("shared-engine/src/test/resources/schemas/junit-10.xsd");

    private JunitXsd() {
    }

    /** Validates the report against the schema, throwing with the first violation, and returns it parsed. */
    public static Document validated(byte[] xml) throws IOException, SAXException, ParserConfigurationException {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(XSD.toFile()))
                .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
