package io.quiver.vector;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ANN benchmark formats: per vector a little-endian int32 dimension, then that many float32
 * values ({@code .fvecs}) or int32 values ({@code .ivecs}). Vectors are read one at a time, so a
 * file of any size streams.
 */
public final class Fvecs implements AutoCloseable {
    private final String name;
    private final DataInputStream in;
    private int dimension = -1;
    private long read;

    public Fvecs(Path path) throws IOException {
        this(path.toString(), Files.newInputStream(path));
    }

    public Fvecs(String name, InputStream in) {
        this.name = name;
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    /** The next vector's raw 4-byte values (little-endian), or null at the end of the file. */
    private ByteBuffer nextRaw() throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException(name + ": truncated dimension of vector " + read);
        }
        int d = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (d < 1 || d > 1 << 16 || (dimension != -1 && d != dimension)) {
            throw new IOException(name + ": vector " + read + " has dimension " + d
                    + (dimension == -1 ? "" : ", the file's first vector " + dimension));
        }
        dimension = d;
        byte[] values = new byte[4 * d];
        try {
            in.readFully(values);
        } catch (EOFException e) {
            throw new EOFException(name + ": truncated values of vector " + read);
        }
        read++;
        return ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The next float vector, or null at the end of the file. */
    public float[] next() throws IOException {
        ByteBuffer raw = nextRaw();
        if (raw == null) {
            return null;
        }
        float[] v = new float[dimension];
        raw.asFloatBuffer().get(v);
        return v;
    }

    /** The next int vector of an {@code .ivecs} file, or null at its end. */
    public int[] nextInts() throws IOException {
        ByteBuffer raw = nextRaw();
        if (raw == null) {
            return null;
        }
        int[] v = new int[dimension];
        raw.asIntBuffer().get(v);
        return v;
    }

    /** Every vector of an {@code .fvecs} file. */
    public static List<float[]> readAll(Path path) throws IOException {
        try (Fvecs f = new Fvecs(path)) {
            List<float[]> all = new ArrayList<>();
            for (float[] v = f.next(); v != null; v = f.next()) {
                all.add(v);
            }
            return all;
        }
    }

    /** Every vector of an {@code .ivecs} file. */
    public static List<int[]> readAllInts(Path path) throws IOException {
        try (Fvecs f = new Fvecs(path)) {
            List<int[]> all = new ArrayList<>();
            for (int[] v = f.nextInts(); v != null; v = f.nextInts()) {
                all.add(v);
            }
            return all;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
