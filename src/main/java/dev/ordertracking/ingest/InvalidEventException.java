package dev.ordertracking.ingest;

/** Bad input: the reason says exactly what is wrong and where. */
public class InvalidEventException extends Exception {

    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
