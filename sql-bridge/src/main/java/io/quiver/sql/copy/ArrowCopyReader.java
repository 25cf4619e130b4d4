package io.quiver.sql.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;
import org.apache.arrow.vector.types.Types;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * COPY FROM an Arrow IPC file (magic "ARROW1" at the start) or stream. Columns are matched by
 * name (case-insensitive) and converted by {@link ArrowCasts}; the file's batches are cut into
 * batches of at most {@code batchRows}. The file's buffers come from a child allocator bounded by
 * twice the file's size, so lengths garbled on disk end in an error, not an exhausted machine.
 */
final class ArrowCopyReader extends ArrowReader {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private final String file;
    private final Schema target;
    private final int batchRows;
    private final long fileSize;
    private final BufferAllocator sourceAllocator;
    private final ArrowReader source;
    private final List<ArrowBlock> blocks; // the file format's record batches; null for a stream
    private int nextBlock;
    private ArrowCasts.Copier[] copiers;
    private ValueParser[] parsers;
    private int[] sourceColumn;
    private int sourceRow;
    private int sourceRows;
    private long records;

    ArrowCopyReader(Path path, Schema target, BufferAllocator allocator, CopyOptions options) throws IOException {
        super(allocator);
        this.file = path.toString();
        this.target = target;
        this.batchRows = options.batchRows();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        this.fileSize = channel.size();
        this.sourceAllocator = allocator.newChildAllocator("COPY FROM " + file, 0, Math.max(1L << 20, 2 * fileSize));
        ArrowReader reader = null;
        try {
            byte[] head = new byte[MAGIC.length];
            int got = channel.read(ByteBuffer.wrap(head));
            channel.position(0);
            if (got == MAGIC.length && Arrays.equals(head, MAGIC)) {
                ArrowFileReader fileReader = new ArrowFileReader(channel, sourceAllocator);
                reader = fileReader;
                this.blocks = corruptIfThrows(fileReader::getRecordBlocks);
            } else {
                reader = new ArrowStreamReader(
                        new BoundedMessages(Channels.newInputStream(channel), sourceAllocator, fileSize),
                        sourceAllocator);
                this.blocks = null;
            }
            corruptIfThrows(reader::getVectorSchemaRoot);
            this.source = reader;
        } catch (IOException | RuntimeException e) {
            // The reader (closing the channel) before the allocator, which fails on live buffers.
            try {
                if (reader != null) {
                    reader.close();
                }
                channel.close();
                sourceAllocator.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Arrow's stream reader allocates a message's metadata on the heap at the length the file
     * claims; this peeks at that length first and refuses one longer than the file.
     */
    private static final class BoundedMessages extends MessageChannelReader {
        private final PushbackInputStream in;
        private final long fileSize;

        BoundedMessages(InputStream in, BufferAllocator allocator, long fileSize) {
            this(new PushbackInputStream(in, 8), allocator, fileSize);
        }

        private BoundedMessages(PushbackInputStream in, BufferAllocator allocator, long fileSize) {
            super(new ReadChannel(Channels.newChannel(in)), allocator);
            this.in = in;
            this.fileSize = fileSize;
        }

        @Override
        public MessageResult readNext() throws IOException {
            byte[] prefix = in.readNBytes(8);
            in.unread(prefix);
            if (prefix.length >= 4) {
                ByteBuffer b = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
                long length = b.getInt(0) == -1 && prefix.length == 8 ? b.getInt(4) : b.getInt(0);
                if (length < 0 || length > fileSize) {
                    throw new IOException("a message of " + length + " bytes in a file of " + fileSize);
                }
            }
            return super.readNext();
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** Arrow's readers report bad bytes with whatever exception comes: all become CopyFormatExceptions. */
    private <T> T corruptIfThrows(Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (CopyFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CopyFormatException(
                    file, "record " + (records + 1), null, "not a readable Arrow IPC file: " + e.getMessage(), e);
        }
    }

    @Override
    protected Schema readSchema() {
        return target;
    }

    private void match() throws IOException {
        VectorSchemaRoot in = source.getVectorSchemaRoot();
        VectorSchemaRoot out = getVectorSchemaRoot();
        List<Field> fields = target.getFields();
        List<Field> sourceFields = in.getSchema().getFields();
        parsers = new ValueParser[fields.size()];
        copiers = new ArrowCasts.Copier[fields.size()];
        sourceColumn = new int[fields.size()];
        Arrays.fill(sourceColumn, -1);
        for (int s = 0; s < sourceFields.size(); s++) {
            Field from = sourceFields.get(s);
            int c = CsvCopyReader.indexOf(fields, from.getName());
            if (c < 0) {
                throw new CopyFormatException(file, null, from.getName(), "the table has no such column");
            }
            if (sourceColumn[c] >= 0) {
                throw new CopyFormatException(file, null, from.getName(), "the file has the column twice");
            }
            sourceColumn[c] = s;
        }
        for (int c = 0; c < fields.size(); c++) {
            Field to = fields.get(c);
            parsers[c] = ValueParser.of(to, out.getVector(c));
            if (sourceColumn[c] < 0) {
                if (!to.isNullable()) {
                    throw new CopyFormatException(file, null, to.getName(), "the file lacks this NOT NULL column");
                }
                continue;
            }
            Field from = sourceFields.get(sourceColumn[c]);
            copiers[c] = ArrowCasts.copier(from, in.getVector(sourceColumn[c]), parsers[c]);
            if (copiers[c] == null && isVector(from) && isVector(to)) {
                // Only a value can be of the wrong dimension: a writer that saw NULLs alone
                // (or no rows) had to pick a dimension.
                String detail = "expected vector dimension " + ((ArrowType.FixedSizeList) to.getType()).getListSize()
                        + ", the file has " + ((ArrowType.FixedSizeList) from.getType()).getListSize();
                copiers[c] = (f, t) -> {
                    throw new BadValueException(detail);
                };
            } else if (copiers[c] == null) {
                throw new CopyFormatException(
                        file,
                        null,
                        to.getName(),
                        "cannot convert the file's " + from.getType() + " to " + to.getType() + " without loss");
            }
        }
    }

    private static boolean isVector(Field f) {
        return f.getType() instanceof ArrowType.FixedSizeList
                && f.getChildren().getFirst().getType().equals(Types.MinorType.FLOAT4.getType());
    }

    /** Loads the file's next batch (checking a file block's extent first); false at the end. */
    private boolean loadSource() throws IOException {
        if (blocks == null) {
            return corruptIfThrows(source::loadNextBatch);
        }
        if (nextBlock >= blocks.size()) {
            return false;
        }
        ArrowBlock b = blocks.get(nextBlock++);
        if (b.getOffset() < 0
                || b.getMetadataLength() < 0
                || b.getBodyLength() < 0
                || b.getOffset() + b.getMetadataLength() + b.getBodyLength() > fileSize) {
            throw new CopyFormatException(
                    file, "record " + (records + 1), null, "a record batch claims bytes past the end of the file");
        }
        return corruptIfThrows(() -> ((ArrowFileReader) source).loadRecordBatch(b));
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (copiers == null) {
            match();
        }
        VectorSchemaRoot out = getVectorSchemaRoot();
        for (FieldVector v : out.getFieldVectors()) {
            v.reset();
        }
        while (sourceRow >= sourceRows) {
            if (!loadSource()) {
                out.setRowCount(0);
                return false;
            }
            sourceRow = 0;
            sourceRows = source.getVectorSchemaRoot().getRowCount();
        }
        int rows = Math.min(batchRows, sourceRows - sourceRow);
        VectorSchemaRoot in = source.getVectorSchemaRoot();
        for (int c = 0; c < parsers.length; c++) {
            FieldVector from = sourceColumn[c] < 0 ? null : in.getVector(sourceColumn[c]);
            for (int r = 0; r < rows; r++) {
                try {
                    if (from == null || from.isNull(sourceRow + r)) {
                        parsers[c].setNull(r);
                    } else {
                        copiers[c].copy(sourceRow + r, r);
                    }
                } catch (BadValueException e) {
                    throw new CopyFormatException(
                            file,
                            "record " + (records + r + 1),
                            parsers[c].field.getName(),
                            e.getMessage(),
                            e.getCause(),
                            e.sqlState());
                } catch (RuntimeException e) {
                    throw new CopyFormatException(
                            file,
                            "record " + (records + r + 1),
                            parsers[c].field.getName(),
                            "not a readable Arrow IPC file: " + e.getMessage(),
                            e);
                }
            }
        }
        out.setRowCount(rows);
        sourceRow += rows;
        records += rows;
        return true;
    }

    @Override
    public long bytesRead() {
        return source.bytesRead();
    }

    @Override
    protected void closeReadSource() throws IOException {
        try {
            source.close();
        } finally {
            sourceAllocator.close();
        }
    }
}
