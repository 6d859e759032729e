/**
 * The support console: server-rendered pages over support's services.
 *
 * <p>Data access: every table has one owner store that writes it; the console owns none. Its own
 * reads are the dashboard's figures, in {@link dev.ordertracking.console.DashboardStore}, a read
 * store that never writes; every action goes through support's services.
 */
package dev.ordertracking.console;
