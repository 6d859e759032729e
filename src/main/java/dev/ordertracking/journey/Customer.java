package dev.ordertracking.journey;

/** The customer as the order names them; locale and time zone already defaulted. */
public record Customer(String id, String firstName, String lastName, String email, String phone,
                       String locale, String timeZone) {
}
