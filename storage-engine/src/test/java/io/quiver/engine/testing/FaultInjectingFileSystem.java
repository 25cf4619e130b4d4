package io.quiver.engine.testing;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * A view of the default file system whose I/O operations (opens, reads, writes, forces, maps,
 * links, deletes, listings, directory creation, attribute reads) are counted, and the n-th of
 * which can be made to fail:
 *
 * <ul>
 *   <li>{@link Fault#EXCEPTION}: that one operation throws an {@link IOException}; later ones work.
 *   <li>{@link Fault#DISK_FULL}: from that operation on, every write stores half its bytes and
 *       throws, as on a full disk; other operations work.
 *   <li>{@link Fault#POWER_LOSS}: that operation and every later one throw (the process is
 *       gone); then {@link #losePower} drops what was not durable (see {@link PowerLossModel}).
 * </ul>
 *
 * <p>Hand the engine {@code fs.wrap(realDirectory)}; every path it derives stays on this file
 * system. Reopen with the real path to read what "survived".
 */
public final class FaultInjectingFileSystem extends FileSystem {
    public enum Fault {
        EXCEPTION,
        DISK_FULL,
        POWER_LOSS
    }

    private final FileSystem real = FileSystems.getDefault();
    private final FaultInjectingProvider provider;
    private final PowerLossModel powerLoss;
    private final List<String> trace = new ArrayList<>();
    private long operations;
    private long failAt = Long.MAX_VALUE;
    private Fault fault = Fault.EXCEPTION;
    private String faulted;

    /** @param stash a directory on the same file system for the content of removed files */
    public FaultInjectingFileSystem(Path stash) {
        this.provider = new FaultInjectingProvider(this, real.provider());
        this.powerLoss = new PowerLossModel(stash);
    }

    /** The path of this file system standing for a real path. */
    public Path wrap(Path realPath) {
        return new FaultPath(this, realPath);
    }

    /** Counts operations from zero again and fails the {@code n}-th from now (1-based). */
    public synchronized void failAt(long n, Fault kind) {
        operations = 0;
        failAt = n;
        fault = kind;
        faulted = null;
        trace.clear();
    }

    /** Operations counted since {@link #failAt}. */
    public synchronized long operations() {
        return operations;
    }

    /** The operation that was made to fail, or null if none was reached. */
    public synchronized String faulted() {
        return faulted;
    }

    /** Every operation since {@link #failAt}, in order, those that failed marked. */
    public synchronized List<String> trace() {
        return List.copyOf(trace);
    }

    /** Simulates the power loss: drops unsynced bytes (keeping a random prefix when {@code tear}) and undurable names. */
    public void losePower(Random random, boolean tear) throws IOException {
        synchronized (this) {
            failAt = Long.MAX_VALUE;
        }
        powerLoss.lose(random, tear);
    }

    PowerLossModel powerLoss() {
        return powerLoss;
    }

    /** Counts an operation; throws if it is the one to fail. */
    void before(String op, Path path) throws IOException {
        if (count(op, path, false) != null) {
            throw new IOException("injected fault in " + op + " of " + path);
        }
    }

    /** Counts a write; true if it must store half its bytes and fail (a full disk). */
    boolean beforeWrite(Path path) throws IOException {
        Fault f = count("write", path, true);
        if (f == Fault.DISK_FULL) {
            return true;
        } else if (f != null) {
            throw new IOException("injected fault in write of " + path);
        }
        return false;
    }

    /** The fault to inject in this operation, or null. */
    private synchronized Fault count(String op, Path path, boolean write) {
        long n = ++operations;
        boolean fail = switch (fault) {
            case EXCEPTION -> n == failAt;
            case DISK_FULL -> write && n >= failAt;
            case POWER_LOSS -> n >= failAt;
        };
        Path real = FaultPath.unwrap(path);
        String line = n + " " + op + " "
                + (real.getParent() == null ? real : real.getParent().getFileName() + "/" + real.getFileName());
        if (fail) {
            line += " FAILED (" + fault + ")";
            if (faulted == null) {
                faulted = line;
            }
        }
        trace.add(line);
        return fail ? fault : null;
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // The default file system cannot be closed; nothing to release here.
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return StreamSupport.stream(real.getRootDirectories().spliterator(), false)
                .map(this::wrap)
                .toList();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = real.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(FaultPath.unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watching is not simulated");
    }
}
