package dev.ordertracking.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code com.icegreen.greenmail.util.GreenMail} field of a {@code @QuarkusTest} that
 * {@link GreenMailResource} fills with the test run's SMTP server, to read what the service sent;
 * or a {@link GreetingDelayRelay} field, the address the service sends to (to make it refuse).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectGreenMail {
}
