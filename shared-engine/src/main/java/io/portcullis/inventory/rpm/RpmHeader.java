package io.portcullis.inventory.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts we take from one installed package's rpm header.
 *
 * <p>A header as rpm databases store it (no lead, no magic): a big-endian count of index
 * entries and the length of the data store, then the 16-byte entries (tag, type, offset into
 * the store, count), then the store itself.
 *
 * @param epoch null when the package has no EPOCH tag
 * @param size installed size in bytes, or null
 * @param files every path the package installed, directories included, as {@code rpm -ql} lists
 *     them (absolute)
 */
record RpmHeader(String name, Integer epoch, String version, String release, String arch,
                 String sourceRpm, String license, String vendor, Long size, List<String> files) {

    private static final int TAG_NAME = 1000;
    private static final int TAG_VERSION = 1001;
    private static final int TAG_RELEASE = 1002;
    private static final int TAG_EPOCH = 1003;
    private static final int TAG_SIZE = 1009;
    private static final int TAG_VENDOR = 1011;
    private static final int TAG_LICENSE = 1014;
    private static final int TAG_ARCH = 1022;
    private static final int TAG_OLDFILENAMES = 1027;
    private static final int TAG_SOURCERPM = 1044;
    private static final int TAG_DIRINDEXES = 1116;
    private static final int TAG_BASENAMES = 1117;
    private static final int TAG_DIRNAMES = 1118;
    private static final int TAG_LONGSIZE = 5009;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_INT64 = 5;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;

    private static final int ENTRY_SIZE = 16;
    /** rpm's own limits (header.c hdrchkTags / hdrchkData). */
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_DATA = 256 * 1024 * 1024;

    static RpmHeader parse(byte[] blob) throws CorruptDatabaseException {
        ByteBuffer buf = ByteBuffer.wrap(blob);
        if (blob.length < 8) {
            throw new CorruptDatabaseException("header of " + blob.length + " bytes is too short");
        }
        int entries = buf.getInt(0);
        int dataLength = buf.getInt(4);
        if (entries <= 0 || entries > MAX_ENTRIES || dataLength < 0 || dataLength > MAX_DATA
                || 8L + (long) entries * ENTRY_SIZE + dataLength > blob.length) {
            throw new CorruptDatabaseException("header sizes out of range (" + entries + " entries, " + dataLength + " data bytes)");
        }
        Header header = new Header(buf, entries, 8 + entries * ENTRY_SIZE, dataLength);
        String name = header.string(TAG_NAME);
        String version = header.string(TAG_VERSION);
        if (name == null || version == null) {
            throw new CorruptDatabaseException("header without NAME or VERSION");
        }
        Long epoch = header.number(TAG_EPOCH);
        Long size = header.number(TAG_LONGSIZE);
        return new RpmHeader(name, epoch == null ? null : epoch.intValue(), version, header.string(TAG_RELEASE),
                header.string(TAG_ARCH), header.string(TAG_SOURCERPM), header.string(TAG_LICENSE),
                header.string(TAG_VENDOR), size != null ? size : header.number(TAG_SIZE), files(header));
    }

    /**
     * Since rpm 4.0 a header stores each path as BASENAMES[i] in directory DIRNAMES[DIRINDEXES[i]]
     * (DIRNAMES end with "/"); older headers keep whole paths in OLDFILENAMES. Lists whose
     * indexes do not fit give no files, as {@code rpm -ql} then says "(contains no files)".
     */
    private static List<String> files(Header header) throws CorruptDatabaseException {
        List<String> baseNames = header.strings(TAG_BASENAMES);
        if (baseNames.isEmpty()) {
            return header.strings(TAG_OLDFILENAMES);
        }
        List<String> dirNames = header.strings(TAG_DIRNAMES);
        int[] dirIndexes = header.ints(TAG_DIRINDEXES);
        if (dirIndexes.length != baseNames.size()) {
            return List.of();
        }
        List<String> files = new ArrayList<>(baseNames.size());
        for (int i = 0; i < dirIndexes.length; i++) {
            if (dirIndexes[i] < 0 || dirIndexes[i] >= dirNames.size()) {
                return List.of();
            }
            files.add(dirNames.get(dirIndexes[i]) + baseNames.get(i));
        }
        return List.copyOf(files);
    }

    /** Index and store of one header, with bounds checks on every read. */
    private record Header(ByteBuffer buf, int entries, int storeStart, int storeLength) {

        /** The entry's first string (I18N strings: the first locale's, which is the C locale). */
        String string(int tag) throws CorruptDatabaseException {
            int entry = find(tag);
            if (entry < 0) {
                return null;
            }
            int type = buf.getInt(entry + 4);
            if (type != TYPE_STRING && type != TYPE_STRING_ARRAY && type != TYPE_I18NSTRING) {
                throw new CorruptDatabaseException("tag " + tag + " has type " + type + ", not a string");
            }
            int start = dataOffset(entry, 1);
            int end = start;
            int limit = storeStart + storeLength;
            while (end < limit && buf.get(end) != 0) {
                end++;
            }
            if (end == limit) {
                throw new CorruptDatabaseException("string of tag " + tag + " runs past the data store");
            }
            return new String(buf.array(), start, end - start, StandardCharsets.UTF_8);
        }

        /** All strings of a STRING_ARRAY entry; empty when the tag is absent. */
        List<String> strings(int tag) throws CorruptDatabaseException {
            int entry = find(tag);
            if (entry < 0) {
                return List.of();
            }
            int type = buf.getInt(entry + 4);
            int count = buf.getInt(entry + 12);
            if (type != TYPE_STRING_ARRAY || count < 0 || count > storeLength) {
                throw new CorruptDatabaseException("tag " + tag + " is not a string array of a plausible length");
            }
            List<String> strings = new ArrayList<>(count);
            int start = dataOffset(entry, 1);
            int limit = storeStart + storeLength;
            for (int i = 0; i < count; i++) {
                int end = start;
                while (end < limit && buf.get(end) != 0) {
                    end++;
                }
                if (end == limit) {
                    throw new CorruptDatabaseException("string array of tag " + tag + " runs past the data store");
                }
                strings.add(new String(buf.array(), start, end - start, StandardCharsets.UTF_8));
                start = end + 1;
            }
            return strings;
        }

        /** All values of an INT32 entry; empty when the tag is absent. */
        int[] ints(int tag) throws CorruptDatabaseException {
            int entry = find(tag);
            if (entry < 0) {
                return new int[0];
            }
            int type = buf.getInt(entry + 4);
            int count = buf.getInt(entry + 12);
            if (type != TYPE_INT32 || count < 0 || count > storeLength / 4) {
                throw new CorruptDatabaseException("tag " + tag + " is not an int32 array of a plausible length");
            }
            int start = dataOffset(entry, 4 * count);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = buf.getInt(start + 4 * i);
            }
            return values;
        }

        Long number(int tag) throws CorruptDatabaseException {
            int entry = find(tag);
            if (entry < 0) {
                return null;
            }
            int type = buf.getInt(entry + 4);
            if (type == TYPE_INT32) {
                return Integer.toUnsignedLong(buf.getInt(dataOffset(entry, 4)));
            }
            if (type == TYPE_INT64) {
                return buf.getLong(dataOffset(entry, 8));
            }
            throw new CorruptDatabaseException("tag " + tag + " has type " + type + ", not a number");
        }

        private int find(int tag) {
            for (int i = 0; i < entries; i++) {
                int entry = 8 + i * ENTRY_SIZE;
                if (buf.getInt(entry) == tag) {
                    return entry;
                }
            }
            return -1;
        }

        private int dataOffset(int entry, int width) throws CorruptDatabaseException {
            int offset = buf.getInt(entry + 8);
            if (offset < 0 || (long) offset + width > storeLength) {
                throw new CorruptDatabaseException("tag " + buf.getInt(entry) + " points outside the data store");
            }
            return storeStart + offset;
        }
    }
}
