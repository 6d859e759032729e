package dev.ordertracking.console;

import dev.ordertracking.notification.sms.SmsOptOutService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.sql.SQLException;

/** Whether the order's number texted STOP, for the order page: shown, never changed there. */
@ApplicationScoped
@Named("smsOptOut")
public class ConsoleSmsOptOuts {

    private final SmsOptOutService optOuts;

    public ConsoleSmsOptOuts(SmsOptOutService optOuts) {
        this.optOuts = optOuts;
    }

    /** The number's opt-out, or null when SMS may go to it. */
    public SmsOptOutService.OptOut of(String phone) throws SQLException {
        return optOuts.find(phone).orElse(null);
    }
}
