/**
 * Customers' ratings of delivered orders, and the follow-ups a low rating opens for support.
 *
 * <p>Data access: every table has one owner store that writes it, and other features write it
 * through that store. {@link dev.ordertracking.feedback.FeedbackStore} owns {@code feedback} and
 * {@code follow_up}: a rating opens a follow-up in its own transaction, support closes it through
 * this store and reads follow-ups in its own read store.
 */
package dev.ordertracking.feedback;
