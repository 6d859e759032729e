package dev.ordertracking.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SMTP server whose replies are programmed per recipient, for the answers a real relay
 * gives rarely: a 4xx or 5xx to {@code RCPT TO} or at the end of {@code DATA}. Everything else is
 * accepted (EHLO without extensions, so clients neither pipeline nor log in). Replies are keyed by
 * recipient so tests sharing one server do not disturb each other. It can also hang: accept and
 * never greet, or never answer a recipient, for the mail client's own timeout to end the send. The greeting comes after
 * {@link GreetingDelayRelay#GREETING_DELAY}, for the reason given there.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("(?i)^RCPT TO:\\s*<([^>]*)>.*$");

    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private final Map<String, String> dataReplies = new ConcurrentHashMap<>();
    /** Recipients whose RCPT TO gets no reply at all: the session hangs there until it is closed. */
    private final Set<String> stalledRcpts = ConcurrentHashMap.newKeySet();
    /** How many messages were accepted (250 after DATA) for each recipient. */
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean greeting = true;
    private final ServerSocket server;
    private final Thread acceptor;

    public ScriptedSmtpServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the scripted SMTP server", e);
        }
        acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code RCPT TO:<recipient>} gets this reply line, e.g. {@code "550 5.1.1 No such user"}. */
    public void replyToRcpt(String recipient, String reply) {
        rcptReplies.put(recipient.toLowerCase(Locale.ROOT), reply);
    }

    /** The end of a message to this recipient gets this reply line, e.g. {@code "451 4.3.0 Try later"}. */
    public void replyToData(String recipient, String reply) {
        dataReplies.put(recipient.toLowerCase(Locale.ROOT), reply);
    }

    /** {@code RCPT TO:<recipient>} gets no reply: the conversation stalls there. */
    public void stallAtRcpt(String recipient) {
        stalledRcpts.add(recipient.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether new connections are greeted: without a greeting the server accepts and says nothing.
     * Turning it back on closes the sessions that are hanging (ungreeted or stalled).
     */
    public void greet(boolean on) {
        greeting = on;
        if (on) {
            stalledRcpts.clear();
            sessions.forEach(ScriptedSmtpServer::closeQuietly);
        }
    }

    /** How many messages to {@code recipient} this server accepted. */
    public int acceptedFor(String recipient) {
        AtomicInteger count = accepted.get(recipient.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> converse(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        sessions.add(socket);
        try (socket) {
            socket.setSoTimeout(30_000);
            if (!greeting) {
                // Accepted, never greeted: wait for the client to give up, or for greet(true) to close it.
                while (socket.getInputStream().read() >= 0) {
                    // ignore whatever the client says before a greeting
                }
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            // See GreetingDelayRelay: a greeting sent at once can be lost by the Vert.x mail client.
            Thread.sleep(GreetingDelayRelay.GREETING_DELAY.toMillis());
            reply(out, "220 scripted.test ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 2.1.0 OK");
                    }
                    case "RCPT" -> {
                        Matcher m = RCPT.matcher(line);
                        String recipient = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
                        if (stalledRcpts.contains(recipient)) {
                            while (in.readLine() != null) {
                                // stalled: no reply, whatever comes, until the client or greet(true) closes it
                            }
                            return;
                        }
                        String answer = rcptReplies.getOrDefault(recipient, "250 2.1.5 OK");
                        if (answer.startsWith("2")) {
                            recipients.add(recipient);
                        }
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message itself does not matter here
                        }
                        String answer = recipients.stream().map(dataReplies::get)
                                .filter(a -> a != null).findFirst().orElse("250 2.0.0 Queued");
                        if (answer.startsWith("2")) {
                            recipients.forEach(r -> accepted.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet());
                        }
                        reply(out, answer);
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK"); // RSET, NOOP
                }
            }
        } catch (SocketException | java.net.SocketTimeoutException | InterruptedException ignored) {
            // the client went away, or the server is closing
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            sessions.remove(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
