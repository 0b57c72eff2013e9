package io.portcullis.inventory.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * rpm's NDB backend ({@code Packages.db}, SUSE): a little-endian file of 4 KiB slot pages then
 * 16-byte blocks. The first page starts with the file header ("RpmP", version, generation,
 * number of slot pages); slots follow from byte 32, each "Slot", package index, first block,
 * block count. A package's blob starts at its first block with "BlbS", package index,
 * generation and length, then the header bytes.
 */
final class NdbHeaderBlobs implements HeaderBlobs {

    private static final int FILE_MAGIC = 0x506d7052; // "RpmP"
    private static final int SLOT_MAGIC = 0x746f6c53; // "Slot"
    private static final int BLOB_MAGIC = 0x53626c42; // "BlbS"
    private static final int PAGE_SIZE = 4096;
    private static final int SLOT_SIZE = 16;
    private static final int FIRST_SLOT = 32;
    private static final int BLOCK_SIZE = 16;
    private static final int BLOB_HEADER = 16;

    @Override
    public void read(Path database, Sink sink) throws IOException, CorruptDatabaseException {
        try (DatabaseFile file = new DatabaseFile(database, "NDB")) {
            ByteBuffer head = file.read(0, FIRST_SLOT, ByteOrder.LITTLE_ENDIAN);
            if (head.getInt(0) != FILE_MAGIC) {
                throw new CorruptDatabaseException("not an rpm NDB database (no RpmP magic)");
            }
            if (head.getInt(4) != 0) {
                throw new CorruptDatabaseException("unsupported NDB version " + head.getInt(4));
            }
            long slotPages = Integer.toUnsignedLong(head.getInt(12));
            if (slotPages == 0 || slotPages * PAGE_SIZE > file.size()) {
                throw new CorruptDatabaseException("NDB slot area of " + slotPages + " pages does not fit the file");
            }
            ByteBuffer slots = file.read(0, (int) (slotPages * PAGE_SIZE), ByteOrder.LITTLE_ENDIAN);
            for (int slot = FIRST_SLOT; slot < slots.limit(); slot += SLOT_SIZE) {
                if (slots.getInt(slot) != SLOT_MAGIC) {
                    throw new CorruptDatabaseException("NDB slot at byte " + slot + " has no Slot magic");
                }
                int packageIndex = slots.getInt(slot + 4);
                if (packageIndex != 0) {
                    sink.accept(blob(file, packageIndex,
                            Integer.toUnsignedLong(slots.getInt(slot + 8)), Integer.toUnsignedLong(slots.getInt(slot + 12))));
                }
            }
        }
    }

    private static byte[] blob(DatabaseFile file, int packageIndex, long firstBlock, long blocks)
            throws IOException, CorruptDatabaseException {
        long offset = firstBlock * BLOCK_SIZE;
        ByteBuffer header = file.read(offset, BLOB_HEADER, ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(0) != BLOB_MAGIC || header.getInt(4) != packageIndex) {
            throw new CorruptDatabaseException("NDB blob of package " + packageIndex + " at byte " + offset + " is damaged");
        }
        long length = Integer.toUnsignedLong(header.getInt(12));
        if (BLOB_HEADER + length > blocks * BLOCK_SIZE) {
            throw new CorruptDatabaseException("NDB blob of package " + packageIndex + " is longer than its blocks");
        }
        return file.read(offset + BLOB_HEADER, (int) length, ByteOrder.BIG_ENDIAN).array();
    }
}
