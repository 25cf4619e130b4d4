package io.quiver.engine;

/**
 * A write held a vector with NaN or an infinity in it: distances to it are not numbers, so it
 * could never be found, and searches would refuse it as a query. Nothing of the write was
 * committed.
 */
public class NonFiniteVectorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param row the vector's row among the rows of the write, counting from 1
     * @param element the element's position in the vector, counting from 0
     */
    public NonFiniteVectorException(String column, long row, int element, float value) {
        super("vector column " + column + ", row " + row + " holds " + value + " at element " + element
                + ": vectors must be finite");
    }
}
