package io.quiver.sql.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Aligned columns: a header, a separator line, then the rows; numbers right-aligned, everything
 * else left-aligned. The rows are held in memory because the widths are known only at the end.
 * Public for the SQL demo, which prints its results as the shell does.
 */
public final class TablePrinter implements ResultPrinter {

    private static final String GAP = " | ";

    private final PrintStream out;

    public TablePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public long print(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        boolean[] right = new boolean[columns];
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = Values.tableText(meta.getColumnLabel(c + 1));
            right[c] = isNumeric(meta.getColumnType(c + 1));
            widths[c] = width(header[c]);
        }
        List<String[]> cells = new ArrayList<>();
        while (rows.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                row[c] = Values.tableText(Values.read(rows, c + 1, false));
                widths[c] = Math.max(widths[c], width(row[c]));
            }
            cells.add(row);
        }
        printRow(header, widths, right);
        StringBuilder separator = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            separator.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(separator);
        for (String[] row : cells) {
            printRow(row, widths, right);
        }
        return cells.size();
    }

    private void printRow(String[] row, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String pad = " ".repeat(widths[c] - width(row[c]));
            line.append(c == 0 ? "" : GAP);
            if (right[c]) {
                line.append(pad).append(row[c]);
            } else {
                line.append(row[c]);
                if (c < row.length - 1) { // no trailing blanks after the last column
                    line.append(pad);
                }
            }
        }
        out.println(line);
    }

    /** Terminal columns the text takes: CJK characters take two, combining marks none. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT,
                    Types.SMALLINT,
                    Types.INTEGER,
                    Types.BIGINT,
                    Types.REAL,
                    Types.FLOAT,
                    Types.DOUBLE,
                    Types.DECIMAL,
                    Types.NUMERIC -> true;
            default -> false;
        };
    }
}
