package dev.ordertracking.replay;

import dev.ordertracking.delay.DelayBacktest;
import dev.ordertracking.delay.IncidentCause;
import dev.ordertracking.delay.IncidentReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest on the Olist sample, with the service's shipped settings. */
class BacktestCommandTest {

    @Test
    void theOlistSampleReplaysThroughTheDelayRules() throws Exception {
        Path dir = OlistSample.require();
        DelayBacktest.Report report = BacktestCommand.run(dir, BacktestCommand.config());

        assertEquals(8_135, report.orders());
        assertEquals(342, report.lateDeliveries());
        assertEquals(4_750, report.earlyDeliveries());
        assertTrue(report.incidentsByReason().get(IncidentReason.PROMISE_BROKEN) > 0);
        assertTrue(report.incidentsByCause().get(IncidentCause.STALLED) > 0, "no carrier checkpoints in the sample");
        // Without carrier estimates nothing is known before the promise passes.
        assertEquals(0, report.toldBeforeDeadline());
        long notices = report.apologies().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(notices, report.coupons(), "every delay of a day or more: an apology with a coupon");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BacktestCommand.print(report, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Proactive notice rate: 0.0 %"), text);
        assertTrue(text.endsWith("Nothing was sent and nothing was issued.\n"), text);
    }
}
