package io.quiver.engine.testing;

import static io.quiver.engine.testing.FaultPath.unwrap;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The provider of a {@link FaultInjectingFileSystem}: counts each operation, then delegates. */
final class FaultInjectingProvider extends FileSystemProvider {
    private final FaultInjectingFileSystem fs;
    private final FileSystemProvider real;

    FaultInjectingProvider(FaultInjectingFileSystem fs, FileSystemProvider real) {
        this.fs = fs;
        this.real = real;
    }

    @Override
    public String getScheme() {
        return "quiver-faults";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path file = unwrap(path);
        fs.before("open", path);
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = real.newFileChannel(file, options, attrs);
        try {
            fs.powerLoss().opened(file, !existed);
            return new FaultFileChannel(fs, path, channel, Files.isDirectory(file));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        fs.before("list", dir);
        DirectoryStream<Path> entries = real.newDirectoryStream(unwrap(dir), p -> filter.accept(fs.wrap(p)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fs.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        fs.before("mkdir", dir);
        real.createDirectory(unwrap(dir), attrs);
        fs.powerLoss().directoryCreated(unwrap(dir));
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        fs.before("link", link);
        real.createLink(unwrap(link), unwrap(existing));
        fs.powerLoss().linked(unwrap(link), unwrap(existing));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        throw new UnsupportedOperationException("symbolic links are not simulated");
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fs.wrap(real.readSymbolicLink(unwrap(link)));
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.before("delete", path);
        fs.powerLoss().removing(unwrap(path));
        real.delete(unwrap(path));
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        fs.before("delete", path);
        fs.powerLoss().removing(unwrap(path));
        return real.deleteIfExists(unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        fs.before("copy", target);
        real.copy(unwrap(source), unwrap(target), options);
        fs.powerLoss().copiedOrMoved(unwrap(source), unwrap(target), false);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        fs.before("move", target);
        boolean replacing = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (replacing) {
            fs.powerLoss().removing(unwrap(target));
        }
        real.move(unwrap(source), unwrap(target), options);
        fs.powerLoss().copiedOrMoved(unwrap(source), unwrap(target), true);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return real.isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return real.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return real.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        fs.before("stat", path);
        real.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return real.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        fs.before("stat", path);
        return real.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        fs.before("stat", path);
        return real.readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributesIfExists(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        fs.before("stat", path);
        return real.readAttributesIfExists(unwrap(path), type, options);
    }

    @Override
    public boolean exists(Path path, LinkOption... options) {
        try {
            fs.before("stat", path);
        } catch (IOException e) {
            return false;
        }
        return real.exists(unwrap(path), options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        fs.before("setattr", path);
        real.setAttribute(unwrap(path), attribute, value, options);
    }
}
