package dev.ordertracking.journey;

public record Address(String line1, String line2, String city, String postalCode, String region, String country) {
}
