package dev.ordertracking.platform;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Applied to every log handler ({@code quarkus.log.*.filter=contact-masking}): no phone number or
 * e-mail address reaches a log in clear, whichever library logged it, in the message or in an
 * exception's message.
 */
@LoggingFilter(name = "contact-masking")
public final class ContactMaskingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String masked = ContactMasking.mask(formatted);
        if (masked != null && !masked.equals(formatted)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            record.setThrown(masked(thrown, 0));
        }
        return true;
    }

    /** The same chain of failures, with contacts masked in each message; stack traces kept. */
    private static Throwable masked(Throwable original, int depth) {
        String message = original.getMessage();
        String clean = ContactMasking.mask(message);
        Throwable cause = original.getCause() != null && depth < 10 ? masked(original.getCause(), depth + 1) : null;
        if (java.util.Objects.equals(message, clean) && cause == original.getCause()) {
            return original;
        }
        MaskedFailure copy = new MaskedFailure(original.getClass().getName() + (clean == null ? "" : ": " + clean), cause);
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }

    /** Stands in for a failure whose message named a contact. */
    static final class MaskedFailure extends RuntimeException {
        MaskedFailure(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
