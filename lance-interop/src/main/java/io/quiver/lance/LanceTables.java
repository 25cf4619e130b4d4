package io.quiver.lance;

import io.quiver.engine.TableNotFoundException;
import io.quiver.engine.expr.Expr;
import io.quiver.engine.schema.Column;
import io.quiver.engine.schema.TableSchema;
import io.quiver.sql.exec.CountedBatches;
import io.quiver.sql.schema.TableChangedException;
import io.quiver.sql.spi.FormatTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.schema.Table;
import org.lance.Dataset;
import org.lance.WriteParams;

/**
 * One SQL session's Lance tables: each dataset opened once (Lance caches its metadata per open
 * dataset) and brought to its newest version for every statement. Lance's own failures, which
 * it raises as RuntimeExceptions, become IOExceptions naming the table.
 */
final class LanceTables implements FormatTables {
    private final LanceLocations locations;
    private final BufferAllocator parent;
    private final Map<String, Dataset> open = new HashMap<>();
    private BufferAllocator allocator; // made with the first dataset: a session without Lance tables allocates nothing

    LanceTables(LanceLocations locations, BufferAllocator parent) {
        this.locations = locations;
        this.parent = parent;
    }

    private synchronized BufferAllocator allocator() {
        if (allocator == null) {
            allocator = parent.newChildAllocator("lance", 0, Long.MAX_VALUE);
        }
        return allocator;
    }

    @Override
    public List<String> names() throws IOException {
        return locations.names();
    }

    @Override
    public boolean exists(String name) throws IOException {
        return locations.exists(name);
    }

    /** The table's dataset at its newest version. */
    synchronized Dataset dataset(String name) throws IOException {
        Dataset ds = open.get(name);
        if (ds == null) {
            if (!locations.exists(name)) {
                throw new TableNotFoundException("table '" + name + "' does not exist");
            }
            ds = openDataset(name, locations.dataset(name));
            open.put(name, ds);
        } else {
            lance(name, "read", () -> {
                open.get(name).checkoutLatest();
                return null;
            });
        }
        return ds;
    }

    /** The dataset at its newest version, checked to have the columns a plan was made with. */
    Dataset dataset(String name, TableSchema planned) throws IOException {
        Dataset ds = dataset(name);
        if (!schemaOf(name, ds).equals(planned)) {
            throw new TableChangedException(name);
        }
        return ds;
    }

    private Dataset openDataset(String name, Path path) throws IOException {
        if (!LanceLocations.isDataset(path)) {
            throw new IOException(
                    "table " + name + ": " + path + " is not a Lance dataset (it has no _versions folder)");
        }
        return lance(
                name,
                "open",
                () -> Dataset.open().allocator(allocator()).uri(path.toString()).build());
    }

    private static TableSchema schemaOf(String name, Dataset ds) throws IOException {
        try {
            return LanceSchemas.toTable(name, ds.getSchema());
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Table table(String name) throws IOException {
        Dataset ds = dataset(name);
        return new LanceTable(this, name, schemaOf(name, ds), lance(name, "count", ds::countRows));
    }

    @Override
    public TableSchema schema(String name) throws IOException {
        return schemaOf(name, dataset(name));
    }

    @Override
    public void create(String name, Schema schema, List<String> primaryKey, Map<String, String> options)
            throws IOException, SQLException {
        if (!options.isEmpty()) {
            throw new SQLSyntaxErrorException("a LANCE table takes no table options, got " + options.keySet(), "42601");
        }
        Path path = locations.owned(name);
        if (Files.exists(path)) {
            throw new io.quiver.engine.TableExistsException(
                    "table '" + name + "': " + path + " is in the way (not a table; remove it first)");
        }
        Schema lance = LanceSchemas.forLance(schema, primaryKey);
        LanceSchemas.toTable(name, lance);
        Dataset created = lance(
                name,
                "create",
                () -> Dataset.write()
                        .allocator(allocator())
                        .schema(lance)
                        .uri(path.toString())
                        .mode(WriteParams.WriteMode.CREATE)
                        .execute());
        synchronized (this) {
            open.put(name, created);
        }
    }

    @Override
    public void mount(String name, String location) throws IOException, SQLException {
        locations.owned(name); // checks the name
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (!LanceLocations.isDataset(path)) {
            throw new SQLSyntaxErrorException(
                    "LOCATION '" + location + "' is not a Lance dataset (no folder with a _versions folder there)",
                    "42601");
        }
        try (Dataset ds = openDataset(name, path)) {
            LanceSchemas.toTable(name, ds.getSchema()); // a dataset SQL cannot read is refused now, not at query time
        }
        locations.mount(name, path);
    }

    @Override
    public void drop(String name) throws IOException {
        forget(name);
        if (locations.isMounted(name)) {
            locations.unmount(name);
            return;
        }
        Path path = locations.owned(name);
        // The manifests first: from then on the folder is no longer a dataset, whatever is left.
        deleteTree(path.resolve("_versions"));
        deleteTree(path);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private synchronized void forget(String name) {
        Dataset ds = open.remove(name);
        if (ds != null) {
            ds.close();
        }
    }

    @Override
    public List<Object[]> describe(String name) throws IOException {
        Dataset ds = dataset(name);
        return LanceDescription.rows(name, ds, schemaOf(name, ds), locations.isMounted(name));
    }

    @Override
    public void append(String name, ArrowReader batches) throws IOException {
        write(name, "append to", batches, dataset(name).uri(), WriteParams.WriteMode.APPEND);
    }

    /** Writes the batches to the dataset at {@code uri}; Lance's errors say the action and the table. */
    private void write(String table, String action, ArrowReader batches, String uri, WriteParams.WriteMode mode)
            throws IOException {
        lance(table, action, () -> {
            Dataset.write()
                    .allocator(allocator())
                    .reader(batches)
                    .uri(uri)
                    .mode(mode)
                    .execute()
                    .close();
            return null;
        });
    }

    @Override
    public long delete(String name, Expr filter) throws IOException {
        Dataset ds = dataset(name);
        String predicate = filter == null ? "TRUE" : LanceFilters.render(filter, schemaOf(name, ds));
        return lance(name, "delete from", () -> {
            long before = ds.countRows();
            ds.delete(predicate);
            ds.checkoutLatest();
            return before - ds.countRows();
        });
    }

    @Override
    public String addVectorIndex(String table, String index, String column, String method, Map<String, String> with)
            throws IOException, SQLException {
        Dataset ds = dataset(table);
        Column c = schemaOf(table, ds).column(column);
        String name = index == null ? column + "_idx" : index;
        var options = LanceIndexes.options(name, c, method, with);
        lance(table, "index", () -> ds.createIndex(options));
        return name;
    }

    @Override
    public void dropIndex(String table, String index) throws IOException {
        Dataset ds = dataset(table);
        if (!lance(table, "list the indexes of", ds::listIndexes).contains(index)) {
            throw new IllegalArgumentException("table " + table + " has no index named " + index);
        }
        lance(table, "drop an index of", () -> {
            ds.dropIndex(index);
            return null;
        });
    }

    @Override
    public ArrowReader readDataset(String location) throws IOException {
        Path path = Path.of(location).toAbsolutePath().normalize();
        Dataset ds = openDataset(location, path);
        try {
            return new DatasetReader(
                    ds, LanceScans.scanner(ds, location, new org.lance.ipc.ScanOptions.Builder().build()));
        } catch (IOException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    @Override
    public long writeDataset(String location, ArrowReader batches) throws IOException {
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (Files.exists(path)) {
            throw new io.quiver.engine.TableExistsException(
                    "COPY TO (FORMAT lance) writes a new dataset, but " + path + " already exists");
        }
        try (CountedBatches counted = new CountedBatches(batches)) {
            write(location, "write", counted, path.toString(), WriteParams.WriteMode.CREATE);
            return counted.rows();
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Dataset::close);
        open.clear();
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }

    interface LanceCall<T> {
        T call() throws IOException;
    }

    /** Runs a call into Lance; its RuntimeExceptions become IOExceptions saying what failed on which table. */
    static <T> T lance(String table, String what, LanceCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (IllegalArgumentException | UnsupportedOperationException | TableChangedException e) {
            throw e; // Quiver's own: already say what is wrong
        } catch (RuntimeException e) {
            throw new IOException("Lance could not " + what + " table " + table + ": " + e.getMessage(), e);
        }
    }
}
