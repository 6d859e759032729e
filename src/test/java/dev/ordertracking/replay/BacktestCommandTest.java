package dev.ordertracking.replay;

import dev.ordertracking.delay.DelayBacktest;
import dev.ordertracking.delay.IncidentCause;
import dev.ordertracking.journey.IncidentReason;
import dev.ordertracking.journey.RecordedEvent;
import io.smallrye.config.SmallRyeConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest on the Olist sample, with the service's shipped settings. */
class BacktestCommandTest {

    @Test
    void theOlistSampleReplaysThroughTheDelayRulesAndTheForecastMeetsItsTargets() throws Exception {
        Path dir = OlistSample.require();
        SmallRyeConfig config = BacktestCommand.config();
        List<RecordedEvent> events = BacktestCommand.load(dir);

        // The fixed rules alone: without carrier estimates nothing is known before the promise passes.
        DelayBacktest.Report fixed = BacktestCommand.run(events, config, null);
        assertEquals(8_135, fixed.orders());
        assertEquals(342, fixed.lateDeliveries());
        assertEquals(4_750, fixed.earlyDeliveries());
        assertTrue(fixed.incidentsByReason().get(IncidentReason.PROMISE_BROKEN) > 0);
        assertTrue(fixed.incidentsByCause().get(IncidentCause.STALLED) > 0, "no carrier checkpoints in the sample");
        assertEquals(0, fixed.toldBeforeDeadline());
        assertTrue(fixed.alerts().onTimeAlertedShare() > 0.5, "the fixed windows flag most on-time orders");

        DelayBacktest.Report report = BacktestCommand.run(events, config, BacktestCommand.forecastSettings(config));
        assertEquals(8_135, report.orders());
        assertEquals(342, report.lateDeliveries());
        DelayBacktest.Notices n = report.notices();
        assertTrue(n.lateTold() >= 0.9 * 342, "late deliveries told before the promise: " + n.lateTold());
        assertEquals(n.lateTold(), report.toldBeforeDeadline());
        assertTrue(n.precision() >= 0.65, "precision " + n.precision());
        assertTrue(n.falseAlarmShare() <= 0.04, "false alarms " + n.falseAlarmShare());
        assertTrue(n.medianLeadDays() >= 1.5, "median lead " + n.medianLeadDays());
        DelayBacktest.Coverage c = report.coverage();
        assertTrue(c.atHandOver() > 4_500, "forecasts at hand-over " + c.atHandOver());
        assertTrue(c.handOverP90Share() >= 0.9, "p90 coverage at hand-over " + c.handOverP90Share());
        assertTrue(c.confirmationP90Share() >= 0.9, "p90 coverage at confirmation " + c.confirmationP90Share());
        DelayBacktest.Alerts a = report.alerts();
        assertTrue(a.onTimeAlertedShare() <= 0.05, "support alerts on on-time orders " + a.onTimeAlertedShare());
        assertTrue(a.shippedNeverDelivered() >= 1_107, "the sample's parcels shipped and never delivered");
        assertEquals(a.shippedNeverDelivered(), a.shippedNeverDeliveredAlerted(), "every one of them flagged");
        long notices = report.apologies().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(report.coupons() > 0 && report.coupons() <= notices, "an apology with at most one coupon each");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BacktestCommand.print(report, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Late deliveries told before the promised date passed: " + n.lateTold() + " of 342"),
                text);
        assertTrue(text.endsWith("Nothing was sent and nothing was issued.\n"), text);
    }
}
