package dev.ordertracking.testing;

import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Tokens signed with the test run's key, as a real identity provider would issue them. */
public final class Tokens {

    private Tokens() {
    }

    public static String support() {
        return withGroups("support");
    }

    /** Issued for this service: the builder adds the configured audience ({@code smallrye.jwt.new-token.audience}). */
    public static String withGroups(String... groups) {
        return Jwt.upn("agent@example.com").groups(Set.of(groups)).sign();
    }

    /** A support token the identity provider issued for other services. */
    public static String supportForAudience(String... audiences) {
        return Jwt.upn("agent@example.com").groups(Set.of("support")).audience(Set.of(audiences)).sign();
    }

    /**
     * A support token with every claim right but no {@code aud} at all (the builder always adds the
     * configured one, so this one is signed by hand with the same key).
     */
    public static String supportWithoutAudience() {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class));
            claims.setClaim("upn", "agent@example.com");
            claims.setSubject("agent@example.com");
            claims.setStringListClaim("groups", List.of("support"));
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            claims.setGeneratedJwtId();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            jws.setKey(signingKey());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey signingKey() throws Exception {
        String location = ConfigProvider.getConfig().getValue("smallrye.jwt.sign.key.location", String.class);
        String pem = Files.readString(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
