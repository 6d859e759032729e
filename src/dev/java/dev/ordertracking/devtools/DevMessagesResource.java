package dev.ordertracking.devtools;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The last customer messages as stored, full text included, so a developer sees what a local run
 * would have sent without a Twilio account or a mailbox. Exists only in builds with
 * {@code tracking.dev.messages-page=true} (the dev and test profiles): it shows contacts to anyone.
 */
@Path("/dev")
@IfBuildProperty(name = "tracking.dev.messages-page", stringValue = "true")
public class DevMessagesResource {

    static final int LIMIT = 50;


    private final DevMessageStore store;

    public DevMessagesResource(DevMessageStore store) {
        this.store = store;
    }

    @GET
    @Path("/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DevMessageStore.DevMessage> messages() {
        return store.latest(LIMIT);
    }

    /** The same rows as a page that reloads itself; no scripts, styles or fonts from elsewhere. */
    @GET
    @Path("/messages.html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String page() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="refresh" content="5">
                <title>Customer messages</title>
                <style>
                body { font: 14px system-ui, sans-serif; margin: 1rem; }
                table { border-collapse: collapse; width: 100%; }
                th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: start; vertical-align: top; }
                th { background: #f3f3f3; }
                .text { white-space: pre-wrap; max-width: 48rem; }
                .subject { font-weight: bold; }
                .muted { color: #666; }
                </style>
                </head>
                <body>
                <h1>Customer messages</h1>
                """);
        List<DevMessageStore.DevMessage> messages = messages();
        html.append("<p class=\"muted\">The last ").append(LIMIT)
                .append(" messages, newest first; this page reloads every 5 seconds.</p>\n");
        if (messages.isEmpty()) {
            html.append("<p>No messages yet.</p>\n");
        } else {
            html.append("<table>\n<thead><tr><th>Created (UTC)</th><th>Order</th><th>Message</th><th>To</th>"
                    + "<th>Status</th><th>Text</th></tr></thead>\n<tbody>\n");
            for (DevMessageStore.DevMessage m : messages) {
                html.append("<tr id=\"m-").append(m.id()).append("\">")
                        .append("<td>").append(escape(String.valueOf(m.createdAt()))).append("</td>")
                        .append("<td>").append(escape(m.orderId())).append("</td>")
                        .append("<td>").append(escape(m.milestone())).append("<br>").append(escape(m.channel()))
                        .append(m.shipmentId() == null ? "" : " · " + escape(m.shipmentId()))
                        .append(m.resendOf() == null ? "" : "<br><span class=\"muted\">resend</span>")
                        .append(m.fallbackOf() == null ? "" : "<br><span class=\"muted\">fallback</span>")
                        .append("</td>")
                        .append("<td>").append(escape(m.recipient())).append("<br><span class=\"muted\">")
                        .append(escape(m.locale())).append("</span></td>")
                        .append("<td>").append(escape(m.status()))
                        .append(m.statusReason() == null ? "" : "<br><span class=\"muted\">" + escape(m.statusReason())
                                + "</span>")
                        .append(m.errorCode() == null ? "" : "<br>" + escape(m.errorCode()) + " "
                                + escape(m.errorMessage()))
                        .append("</td>")
                        .append("<td dir=\"auto\">")
                        .append(m.subject() == null ? "" : "<div class=\"subject\" dir=\"auto\">" + escape(m.subject())
                                + "</div>")
                        .append(m.body() == null ? "<span class=\"muted\">not rendered yet</span>"
                                : "<div class=\"text\" dir=\"auto\">" + escape(m.body()) + "</div>")
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        return dev.ordertracking.platform.HtmlText.escape(text);
    }
}
