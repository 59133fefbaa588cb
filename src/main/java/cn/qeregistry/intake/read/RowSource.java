package cn.qeregistry.intake.read;

/** The non-blank rows of the chosen sheets of one file, in order, header and title rows included. */
public interface RowSource extends AutoCloseable {

    /** The next non-blank row, or null at the end. */
    RawRow next();

    @Override
    void close();
}
