/**
 * Customer messages: which milestones become messages, when and on which channel they go, and
 * what became of each (the ledger).
 *
 * <p>The package is a core with parts below it, and dependencies run one way, down:
 * <ul>
 *   <li>the core (this package): planning, the ledger ({@link NotificationStore}), the dispatcher
 *       and what acts on the ledger, such as Twilio's status callback ({@link TwilioStatusWebhook});</li>
 *   <li>{@code sms}, {@code email}: talking to one provider, and what belongs to that channel alone
 *       (SMS opt-outs, signed unsubscribe and preferences links);</li>
 *   <li>{@code preference}: the customer's channel choices.</li>
 * </ul>
 * The core sends through the channels and honours the choices; the sub-packages never import the
 * core. A channel can then be read, tested and replaced on its own, and the core is the one place
 * that decides. Whatever must move a message's status therefore lives in the core, even when only
 * one provider calls it. {@code ArchitectureTest} checks the direction.
 *
 * <p>Data: each table has one store that writes it, in plain JDBC through the injected data source
 * ({@link NotificationStore} for messages, {@code sms.SmsOptOutStore}, {@code preference.PreferenceStore});
 * read stores such as {@link IncidentNoteStore} may read other features' tables but never write them.
 */
package dev.ordertracking.notification;
