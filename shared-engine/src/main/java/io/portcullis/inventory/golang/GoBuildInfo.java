package io.portcullis.inventory.golang;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build information of a Go 1.18+ ELF executable, read in one forward pass: the ELF and program
 * headers at the front say where the writable data segment starts, and the Go linker puts the
 * {@code .go.buildinfo} blob at the start of that segment, where the Go toolchain itself looks for it.
 */
record GoBuildInfo(String goVersion, List<GoModule> modules) {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final byte[] BUILDINFO_MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int BUILDINFO_HEADER = 32;
    private static final int BUILDINFO_ALIGN = 16;
    private static final int MAX_STRING = 4 << 20;
    private static final int FLAG_INLINE_STRINGS = 2;
    private static final int PT_LOAD = 1;
    private static final int PF_W = 2;

    /** The Go version as a module-style version: "go1.19.8" becomes "v1.19.8". */
    String stdlibVersion() {
        String v = goVersion.startsWith("go") ? goVersion.substring(2) : goVersion;
        int space = v.indexOf(' ');
        return "v" + (space < 0 ? v : v.substring(0, space));
    }

    static GoBuildInfo read(InputStream in) throws IOException, NotGoBinaryException, MalformedBinaryException {
        ForwardReader reader = new ForwardReader(new BufferedInputStream(in, 1 << 16));
        byte[] ident = reader.readUpTo(16);
        if (ident.length < 16 || !Arrays.equals(ident, 0, 4, ELF_MAGIC, 0, 4)) {
            throw new NotGoBinaryException("not ELF");
        }
        boolean is64 = ident[4] == 2;
        ByteOrder order = ident[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer header = reader.readExactly(is64 ? 48 : 36, "ELF header").order(order);
        long phoff = is64 ? header.getLong(0x20 - 16) : Integer.toUnsignedLong(header.getInt(0x1C - 16));
        int phentsize = Short.toUnsignedInt(header.getShort((is64 ? 0x36 : 0x2A) - 16));
        int phnum = Short.toUnsignedInt(header.getShort((is64 ? 0x38 : 0x2C) - 16));
        if (phnum == 0 || phentsize < (is64 ? 56 : 32)) {
            throw new NotGoBinaryException("no program headers");
        }
        reader.skipTo(phoff, "program headers");
        ByteBuffer phdrs = reader.readExactly(phnum * phentsize, "program headers").order(order);
        long dataOffset = -1;
        long dataSize = 0;
        for (int i = 0; i < phnum; i++) {
            int base = i * phentsize;
            int type = phdrs.getInt(base);
            int flags = is64 ? phdrs.getInt(base + 4) : phdrs.getInt(base + 24);
            if (type == PT_LOAD && (flags & PF_W) != 0) {
                dataOffset = is64 ? phdrs.getLong(base + 8) : Integer.toUnsignedLong(phdrs.getInt(base + 4));
                dataSize = is64 ? phdrs.getLong(base + 32) : Integer.toUnsignedLong(phdrs.getInt(base + 16));
                break;
            }
        }
        if (dataOffset < 0) {
            throw new NotGoBinaryException("no writable segment");
        }
        // The blob sits 16-byte aligned in the file; with external (cgo) linking it follows .data rather than leading the segment.
        long first = (dataOffset + BUILDINFO_ALIGN - 1) / BUILDINFO_ALIGN * BUILDINFO_ALIGN;
        reader.skipTo(first, "data segment");
        for (long at = first; at + BUILDINFO_HEADER <= dataOffset + dataSize; at += BUILDINFO_ALIGN) {
            byte[] block = reader.readUpTo(BUILDINFO_ALIGN);
            if (block.length < BUILDINFO_ALIGN) {
                throw new MalformedBinaryException("truncated data segment");
            }
            if (Arrays.equals(block, 0, BUILDINFO_MAGIC.length, BUILDINFO_MAGIC, 0, BUILDINFO_MAGIC.length)) {
                return parse(block, reader);
            }
        }
        throw new NotGoBinaryException("no Go build info");
    }

    private static GoBuildInfo parse(byte[] headerStart, ForwardReader reader) throws IOException, MalformedBinaryException {
        reader.readExactly(BUILDINFO_HEADER - BUILDINFO_ALIGN, "Go build info header");
        int flags = headerStart[15];
        if ((flags & FLAG_INLINE_STRINGS) == 0) {
            throw new MalformedBinaryException("Go build info in the pre-Go 1.18 pointer format is not read");
        }
        String version = reader.readVarintString("Go version");
        String modinfo = stripSentinels(reader.readVarintString("module info"));
        if (!version.startsWith("go")) {
            throw new MalformedBinaryException("Go build info names no Go version");
        }
        return new GoBuildInfo(version, modules(modinfo));
    }

    /** The linker wraps modinfo in 16 bytes of fixed noise on both sides so it is found in memory. */
    private static String stripSentinels(String modinfo) {
        if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            return modinfo.substring(16, modinfo.length() - 16);
        }
        return modinfo;
    }

    private static List<GoModule> modules(String modinfo) {
        List<GoModule> modules = new ArrayList<>();
        for (String line : modinfo.split("\n")) {
            String[] fields = line.split("\t");
            switch (fields[0]) {
                case "mod" -> {
                    if (fields.length >= 3 && !fields[2].equals("(devel)")) {
                        modules.add(new GoModule(fields[1], fields[2], "main", null));
                    }
                }
                case "dep" -> {
                    if (fields.length >= 3) {
                        modules.add(new GoModule(fields[1], fields[2], "dep", null));
                    }
                }
                case "=>" -> {
                    // A replacement applies to the line before it: what was compiled in is the replacement.
                    if (fields.length >= 3 && !modules.isEmpty()) {
                        GoModule replaced = modules.remove(modules.size() - 1);
                        modules.add(new GoModule(fields[1], fields[2], replaced.role(),
                                replaced.path() + "@" + replaced.version()));
                    }
                }
                default -> { }
            }
        }
        return modules;
    }

    /** Reads forward only, counting the position, so a stream can be walked like a file. */
    private static final class ForwardReader {
        private final InputStream in;
        private long position;

        ForwardReader(InputStream in) {
            this.in = in;
        }

        byte[] readUpTo(int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            position += bytes.length;
            return bytes;
        }

        ByteBuffer readExactly(int n, String what) throws IOException, MalformedBinaryException {
            byte[] bytes = readUpTo(n);
            if (bytes.length < n) {
                throw new MalformedBinaryException("truncated " + what);
            }
            return ByteBuffer.wrap(bytes);
        }

        void skipTo(long offset, String what) throws IOException, MalformedBinaryException {
            if (offset < position) {
                throw new MalformedBinaryException(what + " overlap the ELF header");
            }
            try {
                in.skipNBytes(offset - position);
            } catch (EOFException e) {
                throw new MalformedBinaryException("truncated before its " + what);
            }
            position = offset;
        }

        String readVarintString(String what) throws IOException, MalformedBinaryException {
            long length = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.read();
                if (b < 0 || shift > 28) {
                    throw new MalformedBinaryException("truncated " + what);
                }
                position++;
                length |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (length > MAX_STRING) {
                throw new MalformedBinaryException(what + " longer than " + MAX_STRING + " bytes");
            }
            return new String(readExactly((int) length, what).array(), StandardCharsets.UTF_8);
        }
    }
}
