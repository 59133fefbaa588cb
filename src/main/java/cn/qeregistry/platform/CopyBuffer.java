package cn.qeregistry.platform;

import java.util.Arrays;

/**
 * Rows for PostgreSQL's COPY as UTF-8 bytes (the JDBC driver's client encoding) in one growable
 * array, handed to {@code CopyIn.writeToCopy(bytes(), 0, length())}: no String, Reader or second
 * encoding by the driver. A subclass adds its format's fields and escapes ({@code T} is itself, so
 * calls chain).
 */
public abstract class CopyBuffer<T extends CopyBuffer<T>> {

    protected byte[] bytes;
    protected int length;

    protected CopyBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 1024)];
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** A non-negative whole number (ids, row numbers), unquoted. */
    public T number(long value) {
        if (value >= 10) {
            number(value / 10);
        }
        return put((char) ('0' + value % 10));
    }

    public T endOfRow() {
        return put('\n');
    }

    protected T put(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return self();
    }

    /** Room for {@code more} bytes after the current end. */
    protected void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
