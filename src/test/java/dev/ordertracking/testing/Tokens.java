package dev.ordertracking.testing;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** Tokens signed with the test run's key, as a real identity provider would issue them. */
public final class Tokens {

    private Tokens() {
    }

    public static String support() {
        return withGroups("support");
    }

    public static String withGroups(String... groups) {
        return Jwt.upn("agent@example.com").groups(Set.of(groups)).sign();
    }
}
