package io.portcullis.inventory.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * rpm's classic Berkeley DB backend ({@code Packages}, RHEL/CentOS 7 and 8): a BDB hash
 * database whose values are the package headers. We read it page by page, without BDB:
 * page 0 is the metadata page (magic, byte order, page size, last page number); hash pages hold
 * key/value item pairs; a header is too large to sit on a hash page, so its value item points to
 * a chain of overflow pages.
 */
final class BerkeleyDbHeaderBlobs implements HeaderBlobs {

    private static final int HASH_MAGIC = 0x061561;
    private static final int BTREE_MAGIC = 0x053162;

    private static final int PAGE_HEADER = 26;
    private static final int OFFSET_NEXT_PAGE = 16;
    private static final int OFFSET_ENTRIES = 20;
    private static final int OFFSET_HIGH_FREE = 22; // on overflow pages: bytes used
    private static final int OFFSET_TYPE = 25;

    private static final int PAGE_HASH_UNSORTED = 2;
    private static final int PAGE_OVERFLOW = 7;
    private static final int PAGE_HASH = 13;

    private static final int ITEM_KEYDATA = 1;
    private static final int ITEM_OFFPAGE = 3;

    /** Inline values this short are BDB bookkeeping (rpm's 4-byte records), never a header. */
    private static final int MIN_HEADER = 16;

    @Override
    public void read(Path database, Sink sink) throws IOException, CorruptDatabaseException {
        try (DatabaseFile file = new DatabaseFile(database, "Berkeley DB")) {
            ByteBuffer meta = file.read(0, 512, ByteOrder.LITTLE_ENDIAN);
            ByteOrder order = byteOrder(meta);
            meta.order(order);
            int pageSize = meta.getInt(20);
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                throw new CorruptDatabaseException("Berkeley DB page size " + pageSize + " is invalid");
            }
            if (meta.get(24) != 0) {
                throw new CorruptDatabaseException("Berkeley DB database is encrypted");
            }
            long lastPage = Integer.toUnsignedLong(meta.getInt(32));
            long pages = Math.min(lastPage + 1, file.size() / pageSize);
            if (lastPage + 1 > pages) {
                throw new CorruptDatabaseException("Berkeley DB database truncated: " + (lastPage + 1) + " pages declared, "
                        + pages + " present");
            }
            Pages reader = new Pages(file, pageSize, order, pages);
            for (long number = 1; number < pages; number++) {
                ByteBuffer page = reader.page(number);
                int type = page.get(OFFSET_TYPE);
                if (type == PAGE_HASH || type == PAGE_HASH_UNSORTED) {
                    readHashPage(reader, page, sink);
                }
            }
        }
    }

    private static ByteOrder byteOrder(ByteBuffer meta) throws CorruptDatabaseException {
        int little = meta.order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        int big = meta.order(ByteOrder.BIG_ENDIAN).getInt(12);
        if (little == HASH_MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (big == HASH_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (little == BTREE_MAGIC || big == BTREE_MAGIC) {
            throw new CorruptDatabaseException("Berkeley DB btree database, not the hash database rpm writes");
        }
        throw new CorruptDatabaseException("not a Berkeley DB hash database (no hash magic)");
    }

    /** Items come in key/value pairs; each value is either inline or a pointer to overflow pages. */
    private static void readHashPage(Pages reader, ByteBuffer page, Sink sink) throws IOException, CorruptDatabaseException {
        int entries = Short.toUnsignedInt(page.getShort(OFFSET_ENTRIES));
        if (PAGE_HEADER + 2L * entries > reader.pageSize) {
            throw new CorruptDatabaseException("Berkeley DB hash page has " + entries + " entries, more than fit");
        }
        int[] offsets = new int[entries];
        for (int i = 0; i < entries; i++) {
            offsets[i] = Short.toUnsignedInt(page.getShort(PAGE_HEADER + 2 * i));
            if (offsets[i] < PAGE_HEADER || offsets[i] >= reader.pageSize) {
                throw new CorruptDatabaseException("Berkeley DB hash item offset " + offsets[i] + " is outside its page");
            }
        }
        for (int i = 1; i < entries; i += 2) {
            int item = offsets[i];
            int itemType = page.get(item);
            if (itemType == ITEM_OFFPAGE) {
                if (item + 12 > reader.pageSize) {
                    throw new CorruptDatabaseException("Berkeley DB off-page item runs past its page");
                }
                sink.accept(reader.overflowChain(Integer.toUnsignedLong(page.getInt(item + 4)),
                        Integer.toUnsignedLong(page.getInt(item + 8))));
            } else if (itemType == ITEM_KEYDATA) {
                int end = itemEnd(offsets, item, reader.pageSize);
                if (end - item - 1 >= MIN_HEADER) {
                    byte[] value = new byte[end - item - 1];
                    page.get(item + 1, value);
                    sink.accept(value);
                }
            }
        }
    }

    /** Items are packed from the page's end downwards: one ends where the next higher one starts. */
    private static int itemEnd(int[] offsets, int item, int pageSize) {
        int end = pageSize;
        for (int offset : offsets) {
            if (offset > item && offset < end) {
                end = offset;
            }
        }
        return end;
    }

    private record Pages(DatabaseFile file, int pageSize, ByteOrder order, long count) {

        ByteBuffer page(long number) throws IOException, CorruptDatabaseException {
            return file.read(number * pageSize, pageSize, order);
        }

        /** Concatenates the data of overflow pages from {@code first} until {@code length} bytes are read. */
        byte[] overflowChain(long first, long length) throws IOException, CorruptDatabaseException {
            if (length > file.size()) {
                throw new CorruptDatabaseException("Berkeley DB value of " + length + " bytes is larger than the file");
            }
            byte[] value = new byte[(int) length];
            int filled = 0;
            long number = first;
            for (long steps = 0; filled < length; steps++) {
                if (number <= 0 || number >= count || steps >= count) {
                    throw new CorruptDatabaseException("Berkeley DB overflow chain broken at page " + number);
                }
                ByteBuffer page = page(number);
                if (page.get(OFFSET_TYPE) != PAGE_OVERFLOW) {
                    throw new CorruptDatabaseException("Berkeley DB page " + number + " is not an overflow page");
                }
                int used = Short.toUnsignedInt(page.getShort(OFFSET_HIGH_FREE));
                int take = Math.min(used, (int) length - filled);
                if (PAGE_HEADER + take > pageSize) {
                    throw new CorruptDatabaseException("Berkeley DB overflow page " + number + " claims more bytes than it holds");
                }
                page.get(PAGE_HEADER, value, filled, take);
                filled += take;
                number = Integer.toUnsignedLong(page.getInt(OFFSET_NEXT_PAGE));
            }
            return value;
        }
    }
}
