/**
 * Coupons: what the compensation policy grants for an incident, and thank-you coupons for loyal
 * customers.
 *
 * <p>Data access: every table has one owner store that writes it, and other features write it
 * through that store. {@link dev.ordertracking.compensation.CouponStore} owns {@code coupon} and draws
 * every code: delay's {@code IncidentStore} hands it the apology coupons of an incident, loyalty its
 * thank-you coupons, both in the caller's transaction ({@code @Transactional(MANDATORY)}).
 * {@link dev.ordertracking.compensation.LoyaltyStore} only reads.
 */
package dev.ordertracking.compensation;
