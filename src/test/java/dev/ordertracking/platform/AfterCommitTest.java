package dev.ordertracking.platform;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A wake-up after commit runs once the transaction committed, at once without one, never after a rollback. */
class AfterCommitTest {

    /** A transaction registry in a given state that keeps what was registered. */
    private static final class Transactions implements TransactionSynchronizationRegistry {
        final int status;
        final List<Synchronization> registered = new ArrayList<>();

        Transactions(int status) {
            this.status = status;
        }

        void complete(int outcome) {
            registered.forEach(s -> {
                s.beforeCompletion();
                s.afterCompletion(outcome);
            });
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : "tx";
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }

    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void runsOnceTheTransactionCommitted() {
        Transactions tx = new Transactions(Status.STATUS_ACTIVE);
        new AfterCommit(tx).run(wakes::incrementAndGet);
        assertEquals(0, wakes.get(), "not before the commit");
        tx.complete(Status.STATUS_COMMITTED);
        assertEquals(1, wakes.get());
    }

    @Test
    void doesNotRunAfterARollback() {
        Transactions tx = new Transactions(Status.STATUS_ACTIVE);
        new AfterCommit(tx).run(wakes::incrementAndGet);
        tx.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(0, wakes.get());
    }

    @Test
    void runsAtOnceWithoutATransaction() {
        Transactions none = new Transactions(Status.STATUS_NO_TRANSACTION);
        new AfterCommit(none).run(wakes::incrementAndGet);
        assertEquals(1, wakes.get());
        assertEquals(List.of(), none.registered);
    }

    @Test
    void doesNotRunInATransactionBoundToRollBack() {
        Transactions doomed = new Transactions(Status.STATUS_MARKED_ROLLBACK);
        new AfterCommit(doomed).run(wakes::incrementAndGet);
        doomed.complete(Status.STATUS_ROLLEDBACK);
        assertEquals(0, wakes.get());
        assertEquals(List.of(), doomed.registered);
    }
}
