package dev.ordertracking.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action (typically a {@link WakeUp#wake()}) once the current transaction has committed,
 * so whoever it wakes finds the new rows visible. Without a transaction it runs at once; after a
 * rollback, or in a transaction already bound to roll back, it does not run.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry transactions;

    public AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    public void run(Runnable action) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
            return;
        }
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int outcome) {
                if (outcome == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
