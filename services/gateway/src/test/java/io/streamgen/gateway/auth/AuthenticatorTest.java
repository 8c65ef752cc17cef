package io.streamgen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Which bearers go to the OIDC verifier at all, and how a refusal is logged without the token. */
class AuthenticatorTest {

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldSendOnlyCompactJwsWithAJsonHeaderToTheVerifier() {
        assertThat(Authenticator.jwt(b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + b64("{}") + ".c2ln")).isTrue();
        assertThat(Authenticator.jwt("door-s3cret-alice-7f3a")).isFalse(); // a static-looking secret
        assertThat(Authenticator.jwt("aaaa.bbbb.cccc")).isFalse(); // three parts, but no JSON header
        assertThat(Authenticator.jwt(b64("{\"kid\":\"k1\"}") + ".e30.c2ln")).isFalse(); // no alg
        assertThat(Authenticator.jwt(b64("{\"alg\":\"none\"}") + ".e30")).isFalse(); // two parts: unsigned
        assertThat(Authenticator.jwt("a.b.c.d.e")).isFalse(); // JWE: not an access token here
    }

    @Test
    void shouldGiveTheKindOfFailureAndNeverItsMessage() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2VjcmV0LXNpZ25hdHVyZQ";
        String reason = Authenticator.reason(new AuthenticationFailedException(token,
                new IllegalStateException("JsonWebSignature{}->" + token)));
        assertThat(reason).isEqualTo("AuthenticationFailedException <- IllegalStateException").doesNotContain(token);
    }
}
