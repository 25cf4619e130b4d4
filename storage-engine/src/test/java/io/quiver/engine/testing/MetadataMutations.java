package io.quiver.engine.testing;

import com.google.protobuf.ByteString;
import io.quiver.format.proto.ColumnChunk;
import io.quiver.format.proto.DataFileMetadata;
import io.quiver.format.proto.DataFileRef;
import io.quiver.format.proto.DeletionVector;
import io.quiver.format.proto.Fragment;
import io.quiver.format.proto.Manifest;
import io.quiver.format.proto.Stats;
import io.quiver.format.proto.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, structure-aware mutations of metadata messages: each changes one to three fields to
 * values at the edges (0, -1, limits, off by one, another entry's value), the way a damaged or
 * hostile file would, so the bytes still parse and reach the checks behind the parser.
 */
public final class MetadataMutations {
    private MetadataMutations() {}

    static long interesting(Random r, long current) {
        long[] v = {
            0,
            1,
            -1,
            2,
            3,
            7,
            8,
            31,
            32,
            33,
            64,
            255,
            256,
            4096,
            65535,
            65536,
            1 << 20,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            0xFFFF_FFFFL,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            current - 1,
            current + 1,
            current * 2,
            current / 2,
            -current
        };
        return r.nextInt(6) == 0 ? r.nextLong() : v[r.nextInt(v.length)];
    }

    private static int interestingInt(Random r, long current) {
        return (int) interesting(r, current);
    }

    /** One to four bytes changed, inserted or removed. */
    public static byte[] flipBytes(byte[] bytes, Random r) {
        List<Byte> b = new ArrayList<>();
        for (byte x : bytes) {
            b.add(x);
        }
        for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.size());
            switch (b.isEmpty() ? 3 : r.nextInt(4)) {
                case 0 -> b.set(at, (byte) (b.get(at) ^ (1 << r.nextInt(8))));
                case 1 -> b.set(at, (byte) r.nextInt());
                case 2 -> b.remove(at);
                default -> b.add(at, (byte) r.nextInt());
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static Value randomValue(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> Value.newBuilder().setBoolValue(r.nextBoolean()).build();
            case 1 -> Value.newBuilder().setIntValue(interesting(r, 0)).build();
            case 2 ->
                Value.newBuilder()
                        .setDoubleValue(
                                new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, r.nextDouble()}[r.nextInt(4)])
                        .build();
            case 3 -> {
                byte[] bytes = new byte[r.nextInt(20)];
                r.nextBytes(bytes);
                yield Value.newBuilder()
                        .setBytesValue(ByteString.copyFrom(bytes))
                        .build();
            }
            default -> Value.getDefaultInstance();
        };
    }

    private static Stats randomStats(Random r, Stats current) {
        Stats.Builder s = current.toBuilder();
        switch (r.nextInt(4)) {
            case 0 -> s.setMin(randomValue(r));
            case 1 -> s.setMax(randomValue(r));
            case 2 -> s.setNullCount(interesting(r, s.getNullCount()));
            default -> s.clearMin().setMax(randomValue(r)).setMin(randomValue(r));
        }
        return s.build();
    }

    public static byte[] dataFileMetadata(DataFileMetadata meta, Random r) {
        DataFileMetadata.Builder b = meta.toBuilder();
        for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            if (r.nextInt(8) == 0) {
                b.setRowCount(interesting(r, b.getRowCount()));
                continue;
            }
            ColumnChunk.Builder c = b.getColumnsBuilder(r.nextInt(b.getColumnsCount()));
            int pages = c.getPageOffsetCount();
            int p = pages == 0 ? 0 : r.nextInt(pages);
            switch (pages == 0 ? r.nextInt(5) : r.nextInt(16)) {
                case 0 -> c.setRowsPerPage(interestingInt(r, c.getRowsPerPage()));
                case 1 ->
                    c.setFieldId(r.nextBoolean() ? b.getColumns(0).getFieldId() : interestingInt(r, c.getFieldId()));
                case 2 -> c.getTypeBuilder().setIdValue(r.nextInt(16));
                case 3 ->
                    c.getTypeBuilder()
                            .setVectorDimension(interestingInt(r, 3))
                            .setDecimalPrecision(interestingInt(r, 10))
                            .setDecimalScale(interestingInt(r, 2))
                            .setTimeUnitValue(r.nextInt(6));
                case 4 -> c.setStats(randomStats(r, c.getStats()));
                case 5 ->
                    c.setPageOffset(
                            p,
                            r.nextBoolean() ? c.getPageOffset(r.nextInt(pages)) : interesting(r, c.getPageOffset(p)));
                case 6 -> c.setPageStoredLength(p, interestingInt(r, c.getPageStoredLength(p)));
                case 7 -> c.setPageRawLength(p, interestingInt(r, c.getPageRawLength(p)));
                case 8 -> c.setPageNullCount(p, interestingInt(r, c.getPageNullCount(p)));
                case 9 -> c.setPageCompressionValue(p, r.nextInt(4) - 1);
                case 10 -> {
                    List<Long> offsets = new ArrayList<>(c.getPageOffsetList());
                    offsets.removeLast();
                    c.clearPageOffset().addAllPageOffset(offsets);
                }
                case 11 ->
                    c.addPageOffset(c.getPageOffset(p))
                            .addPageStoredLength(c.getPageStoredLength(p))
                            .addPageRawLength(c.getPageRawLength(p))
                            .addPageCrc32C(0)
                            .addPageNullCount(0)
                            .addPageCompressionValue(0);
                case 12 -> {
                    if (c.getPageStatsCount() > p) {
                        c.setPageStats(p, randomStats(r, c.getPageStats(p)));
                    } else {
                        c.addPageStats(randomStats(r, Stats.getDefaultInstance()));
                    }
                }
                case 13 -> {
                    long a = c.getPageOffset(p);
                    int q = r.nextInt(pages);
                    c.setPageOffset(p, c.getPageOffset(q)).setPageOffset(q, a);
                }
                case 14 -> b.addColumns(c.build());
                default -> c.setPageNullCount(p, c.getPageNullCount(p) == 0 ? 1 : 0);
            }
        }
        return b.build().toByteArray();
    }

    public static byte[] manifest(Manifest m, Random r) {
        Manifest.Builder b = m.toBuilder();
        for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
            int fragments = b.getFragmentsCount();
            if (fragments == 0 || r.nextInt(5) == 0) {
                switch (r.nextInt(4)) {
                    case 0 -> b.setNextFragmentId(interesting(r, b.getNextFragmentId()));
                    case 1 -> b.setNextFieldId(interestingInt(r, b.getNextFieldId()));
                    case 2 -> {
                        var field = b.getSchemaBuilder()
                                .getFieldsBuilder(r.nextInt(b.getSchema().getFieldsCount()));
                        switch (r.nextInt(4)) {
                            case 0 -> field.getTypeBuilder().setIdValue(r.nextInt(16));
                            case 1 -> field.setId(interestingInt(r, field.getId()));
                            case 2 -> field.setName(new String[] {"", "id", "\u0000", "x".repeat(300)}[r.nextInt(4)]);
                            default ->
                                field.getTypeBuilder()
                                        .setVectorDimension(interestingInt(r, 0))
                                        .setTimeUnitValue(r.nextInt(6));
                        }
                    }
                    default ->
                        b.getSchemaBuilder()
                                .addFields(b.getSchema()
                                        .getFields(r.nextInt(b.getSchema().getFieldsCount())));
                }
                continue;
            }
            int i = r.nextInt(fragments);
            Fragment.Builder f = b.getFragmentsBuilder(i);
            Fragment other = b.getFragments(r.nextInt(fragments));
            switch (r.nextInt(10)) {
                case 0 -> f.setPhysicalRows(interesting(r, f.getPhysicalRows()));
                case 1 -> f.setId(r.nextBoolean() ? other.getId() : interesting(r, f.getId()));
                case 2 -> f.clearFiles().addAllFiles(other.getFilesList());
                case 3 -> {
                    DataFileRef.Builder d = f.getFilesBuilder(0);
                    switch (r.nextInt(4)) {
                        case 0 -> d.setSizeBytes(interesting(r, d.getSizeBytes()));
                        case 1 -> d.setFileId(other.getFiles(0).getFileId());
                        case 2 -> d.addFieldIds(interestingInt(r, 0));
                        default -> d.clearFieldIds();
                    }
                }
                case 4 ->
                    f.getFilesBuilder(0)
                            .setPath(new String[] {
                                        "data/missing.qvd",
                                        "../x.qvd",
                                        other.getFiles(0).getPath()
                                    }
                                    [r.nextInt(3)]);
                case 5 -> {
                    if (other.hasDeletion()) {
                        f.setDeletion(other.getDeletion());
                    } else {
                        f.clearDeletion();
                    }
                }
                case 6 ->
                    f.getDeletionBuilder()
                            .setDeletedRows(interesting(r, f.getDeletion().getDeletedRows()));
                case 7 -> b.addFragments(other);
                case 8 -> b.removeFragments(i);
                default ->
                    f.getDeletionBuilder()
                            .setSizeBytes(interesting(r, f.getDeletion().getSizeBytes()));
            }
        }
        return b.build().toByteArray();
    }

    public static byte[] deletionVector(DeletionVector dv, Random r) {
        DeletionVector.Builder b = dv.toBuilder();
        byte[] bitmap = b.getRoaringBitmap().toByteArray();
        switch (r.nextInt(6)) {
            case 0 -> b.setFragmentId(interesting(r, b.getFragmentId()));
            case 1 -> b.setDeletedCount(interesting(r, b.getDeletedCount()));
            case 2 -> b.setRoaringBitmap(ByteString.copyFrom(flipBytes(bitmap, r)));
            case 3 -> {
                // A header field of the portable format (cookie, container count, keys, cardinalities, offsets).
                if (bitmap.length >= 8) {
                    ByteBuffer buf = ByteBuffer.wrap(bitmap).order(ByteOrder.LITTLE_ENDIAN);
                    int at = 4 * r.nextInt(Math.min(bitmap.length / 4, 8));
                    buf.putInt(at, interestingInt(r, buf.getInt(at)));
                }
                b.setRoaringBitmap(ByteString.copyFrom(bitmap));
            }
            case 4 -> b.setRoaringBitmap(ByteString.copyFrom(bitmap, 0, r.nextInt(bitmap.length + 1)));
            default -> {
                byte[] junk = new byte[r.nextInt(64)];
                r.nextBytes(junk);
                b.setRoaringBitmap(ByteString.copyFrom(junk));
            }
        }
        return b.build().toByteArray();
    }
}
