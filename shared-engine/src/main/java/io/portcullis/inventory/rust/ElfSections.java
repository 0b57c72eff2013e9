package io.portcullis.inventory.rust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds one section of an ELF file by name, through the section header table and the section-name
 * string table. Both sit at offsets the ELF header gives, usually at the end of the file, which is
 * why the analyzer copies the stream to a file first.
 */
final class ElfSections {

    static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int SHN_XINDEX = 0xffff;
    private static final int SHT_NOBITS = 8;
    private static final int MAX_SECTIONS = 1 << 16;

    private final FileChannel file;
    private final boolean is64;
    private final ByteOrder order;

    private ElfSections(FileChannel file, boolean is64, ByteOrder order) {
        this.file = file;
        this.is64 = is64;
        this.order = order;
    }

    /**
     * The contents of the section called {@code name}, or null if the file has no such section.
     *
     * @throws MalformedElfException if the headers are cut short or point outside the file,
     *     or the section is larger than {@code maxSize}
     */
    static byte[] read(FileChannel file, String name, int maxSize) throws IOException, MalformedElfException {
        ElfSections elf = open(file);
        return elf.find(name.getBytes(StandardCharsets.US_ASCII), maxSize);
    }

    private static ElfSections open(FileChannel file) throws IOException, MalformedElfException {
        ByteBuffer ident = readAt(file, 0, 16, "ELF identification");
        if (!Arrays.equals(ident.array(), 0, 4, MAGIC, 0, 4)) {
            throw new MalformedElfException("not an ELF file");
        }
        if (ident.get(4) != 1 && ident.get(4) != 2) {
            throw new MalformedElfException("unknown ELF class " + ident.get(4));
        }
        return new ElfSections(file, ident.get(4) == 2, ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private byte[] find(byte[] wanted, int maxSize) throws IOException, MalformedElfException {
        ByteBuffer header = readAt(file, 0, is64 ? 64 : 52, "ELF header").order(order);
        long shoff = is64 ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
        int shentsize = Short.toUnsignedInt(header.getShort(is64 ? 0x3A : 0x2E));
        long shnum = Short.toUnsignedInt(header.getShort(is64 ? 0x3C : 0x30));
        long shstrndx = Short.toUnsignedInt(header.getShort(is64 ? 0x3E : 0x32));
        if (shoff == 0) {
            return null;
        }
        if (shentsize < (is64 ? 64 : 40)) {
            throw new MalformedElfException("section header entry size " + shentsize + " too small");
        }
        // More than 0xff00 sections, or a string table index beyond that, spill into section header 0.
        if (shnum == 0 || shstrndx == SHN_XINDEX) {
            ByteBuffer first = readAt(file, shoff, shentsize, "section header 0").order(order);
            if (shnum == 0) {
                shnum = is64 ? first.getLong(0x20) : Integer.toUnsignedLong(first.getInt(0x14));
            }
            if (shstrndx == SHN_XINDEX) {
                shstrndx = Integer.toUnsignedLong(first.getInt(is64 ? 0x28 : 0x18));
            }
        }
        if (shnum < 0 || shnum > MAX_SECTIONS || shstrndx >= shnum) {
            throw new MalformedElfException("section count " + shnum + " or name table index " + shstrndx + " out of range");
        }
        long tableSize = shnum * shentsize;
        if (tableSize > file.size()) {
            throw new MalformedElfException(shnum + " section headers cannot fit in a file of " + file.size() + " bytes");
        }
        ByteBuffer headers = readAt(file, shoff, (int) tableSize, "section headers").order(order);
        byte[] names = contents(headers, (int) shstrndx * shentsize, 1 << 24, "section name table");
        for (int i = 0; i < shnum; i++) {
            int nameOffset = headers.getInt(i * shentsize);
            if (nameMatches(names, nameOffset, wanted)) {
                return contents(headers, i * shentsize, maxSize, "section " + new String(wanted, StandardCharsets.US_ASCII));
            }
        }
        return null;
    }

    private byte[] contents(ByteBuffer headers, int at, int maxSize, String what) throws IOException, MalformedElfException {
        if (headers.getInt(at + 4) == SHT_NOBITS) {
            return new byte[0];
        }
        long offset = is64 ? headers.getLong(at + 0x18) : Integer.toUnsignedLong(headers.getInt(at + 0x10));
        long size = is64 ? headers.getLong(at + 0x20) : Integer.toUnsignedLong(headers.getInt(at + 0x14));
        if (size < 0 || size > maxSize) {
            throw new MalformedElfException(what + " of " + Long.toUnsignedString(size) + " bytes exceeds the limit of " + maxSize);
        }
        return readAt(file, offset, (int) size, what).array();
    }

    private static boolean nameMatches(byte[] names, int offset, byte[] wanted) {
        if (offset < 0 || offset + wanted.length >= names.length) {
            return false;
        }
        return Arrays.equals(names, offset, offset + wanted.length, wanted, 0, wanted.length) && names[offset + wanted.length] == 0;
    }

    private static ByteBuffer readAt(FileChannel file, long offset, int length, String what) throws IOException, MalformedElfException {
        if (offset < 0 || offset > file.size() - length) {
            throw new MalformedElfException(what + " at offset " + offset + " runs past the end of the file (" + file.size() + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, offset + buffer.position()) < 0) {
                throw new MalformedElfException(what + " cut short");
            }
        }
        return buffer;
    }
}
