/**
 * The support API: an order's whole story, its incidents, messages, follow-ups and notes, and the
 * figures of {@code /api/stats}.
 *
 * <p>Data access, as everywhere: every table has one owner store that writes it (insert, update,
 * delete), and a write to a table another feature owns goes through that feature's store or service.
 * Here {@link dev.ordertracking.support.SupportNoteStore} owns {@code support_note}; a resend is
 * written by notification's {@code NotificationStore}, an incident by delay's {@code DelayHandling},
 * a follow-up's closing by feedback's {@code FeedbackStore}. Read stores
 * ({@link dev.ordertracking.support.OrderViewStore}, {@link dev.ordertracking.support.NotificationViewStore},
 * {@link dev.ordertracking.support.IncidentViewStore}, {@link dev.ordertracking.support.FollowUpViewStore},
 * {@link dev.ordertracking.support.StatsStore}) read whatever tables a view or report joins and never
 * write. Resources and services hold no SQL. A store method that must run in its caller's transaction
 * says so with {@code @Transactional(MANDATORY)}.
 *
 * <p>Plain JDBC, no Panache entities. The main read, an order with everything support sees, is
 * eleven statements sent in one round trip and read in one snapshot, which an ORM cannot express.
 * What the read-only entities still served (the search, an event count, two look-ups) takes four
 * short statements, fewer lines than the three entity mappings did, and the columns stay described
 * once, in the migrations.
 */
package dev.ordertracking.support;
