package dev.btpboot.token;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule for peer text (issue 19 §3): line breaks and other control characters become spaces,
 * JWTs and long base64 runs are redacted, the rest is cut at 200 characters; OAuth error codes
 * that keep to RFC 6749 pass as they are.
 */
class PeerTextTests {

	/** A user's token as an IAS would issue it: header, payload and a 342-character signature. */
	static final String USER_JWT = TokenTestSupport.jwt("{\"sub\":\"grace\",\"email\":\"grace@example.com\"}").replace(
			"c2lnbmF0dXJl", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]).replace('A', 'q'));

	/** A client secret as XSUAA would issue it: 44 characters of base64. */
	static final String LONG_BASE64 = "Xk9mQ2ZvR3pLd1h0N3Y4U0FQc2VjcmV0MTIzNDU2Nzg=";

	@Test
	void lineBreaksAndOtherControlsBecomeOneSpacePerRun() {
		assertThat(PeerText.description("invalid\r\n2026-01-01 ERROR forged line")).isEqualTo("invalid 2026-01-01 ERROR forged line");
		assertThat(PeerText.description("a\u0085b\u2028c\u2029d\u202Ee\u0000\u001b[31mf\tg\u007fh"))
			.isEqualTo("a b c d e [31mf g h");
		assertThat(PeerText.description("lone \uD800 surrogate")).isEqualTo("lone   surrogate");
	}

	@Test
	void aJwtIsRedactedWhereverItStands() {
		assertThat(PeerText.description("assertion " + USER_JWT + " is expired"))
			.isEqualTo("assertion [redacted JWT] is expired");
		assertThat(PeerText.description("assertion=" + USER_JWT)).isEqualTo("assertion=[redacted JWT]");
		assertThat(PeerText.description("token:" + USER_JWT + ".")).isEqualTo("token:[redacted JWT]");
		String jwe = USER_JWT + "." + LONG_BASE64.substring(0, 20);
		assertThat(PeerText.description("(" + jwe + ")")).isEqualTo("([redacted JWT])");
	}

	@Test
	void aJwtLongerThanTheScanIsStillRedacted() {
		String longJwt = TokenTestSupport.jwt("{\"sub\":\"grace\",\"groups\":\"" + "g".repeat(2000) + "\"}");
		assertThat(PeerText.description("assertion " + longJwt + " refused")).isEqualTo("assertion [redacted JWT]...");
	}

	@Test
	void aLongBase64RunIsRedactedAndAShortOneOrAWordIsNot() {
		assertThat(PeerText.description("secret " + LONG_BASE64 + " rejected")).isEqualTo("secret [redacted]= rejected");
		String hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
		assertThat(PeerText.description("digest " + hex)).isEqualTo("digest [redacted]");
		String exactlyLong = "Ab1".repeat(10) + "Ab";
		assertThat(PeerText.description(exactlyLong)).isEqualTo("[redacted]");
		assertThat(PeerText.description(exactlyLong.substring(1))).isEqualTo(exactlyLong.substring(1));
		String tenant = UUID.nameUUIDFromBytes(new byte[] { 1 }).toString();
		assertThat(PeerText.description("tenant " + tenant + " unknown")).as("a UUID, such as a zone id")
			.isEqualTo("tenant " + tenant + " unknown");
		assertThat(PeerText.description("x" + tenant)).isEqualTo("[redacted]");
		String words = "client_credentials_grant_is_not_allowed_for_this_client";
		assertThat(PeerText.description(words)).isEqualTo(words);
		assertThat(PeerText.description("https://subscriber.authentication.eu10.hana.ondemand.com/oauth/token"))
			.isEqualTo("https://subscriber.authentication.eu10.hana.ondemand.com/oauth/token");
	}

	@Test
	void aLongDescriptionIsCutAt200CharactersAndMarked() {
		String description = "word ".repeat(100);
		assertThat(PeerText.description(description)).hasSize(PeerText.MAX_LENGTH + 3)
			.isEqualTo(description.substring(0, 200) + "...");
		assertThat(PeerText.description("w".repeat(200))).isEqualTo("w".repeat(200));
		assertThat(PeerText.description("w".repeat(199) + "\uD83D\uDE00" + "w")).isEqualTo("w".repeat(199) + "...");
		assertThat(PeerText.description(" ".repeat(10_000))).isEqualTo(" ".repeat(200) + "...");
	}

	@ParameterizedTest
	@ValueSource(strings = { "invalid_grant", "invalid_client", "unauthorized_client", "access_denied",
			"client_credentials_grant_is_not_allowed_for_this_client_2025", "temporarily_unavailable" })
	void anOAuthErrorCodePassesAsItIs(String code) {
		assertThat(PeerText.errorCode(code)).isSameAs(code);
	}

	@Test
	void anErrorCodeThatBreaksRfc6749IsCleanedAsADescription() {
		assertThat(PeerText.errorCode("invalid_grant\r\nforged")).isEqualTo("invalid_grant forged");
		assertThat(PeerText.errorCode("bad \"quote\"")).isEqualTo("bad \"quote\"");
		assertThat(PeerText.errorCode(USER_JWT)).isEqualTo("[redacted JWT]");
		assertThat(PeerText.errorCode("")).isEmpty();
		assertThat(PeerText.errorCode(null)).isNull();
		assertThat(PeerText.description(null)).isNull();
	}

}
