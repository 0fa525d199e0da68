package dev.btpboot.security.jwt;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which verified tokens are technical callers (no user), what they are named and which roles they
 * get, as the starter's converter reads them.
 */
class TechnicalCallerTests {

	static final String IAS = "https://tenant.accounts.example.com";

	static final String XSUAA = "https://sub.authentication.example.com/oauth/token";

	final BtpJwtAuthenticationConverter converter = new BtpJwtAuthenticationConverter(List.of(
			new IasUsers(new IdentityCredentials("i", "our-client", new ClientSecret("s"), URI.create(IAS),
					List.of("accounts.example.com"), null)),
			new XsuaaUsers(new XsuaaCredentials("x", "sb-app!t1", new ClientSecret("s"),
					URI.create("https://sub.authentication.example.com"), "authentication.example.com", "app!t1", null,
					null, null))));

	@Test
	void anIasClientCredentialsTokenIsATechnicalCallerWithItsApisAndGroupsAsRoles() {
		BtpUser user = user(IAS, Map.of("sub", "consumer-client", "azp", "consumer-client", "aud", List.of("our-client"),
				"app_tid", "tenant-1", "ias_apis", List.of("read", "export"), "groups", List.of("Auditors")));
		assertThat(user.technical()).isTrue();
		assertThat(user.name()).isEqualTo("consumer-client");
		assertThat(user.tenant()).isEqualTo("tenant-1");
		assertThat(user.roles()).containsExactlyInAnyOrder("read", "export", "Auditors");
	}

	@Test
	void anIasTokenWithAUserIsABusinessUserAndItsApisAreNoRoles() {
		BtpUser withEmail = user(IAS, Map.of("sub", "consumer-client", "azp", "consumer-client", "email",
				"ann@example.com", "ias_apis", List.of("read"), "groups", List.of("Viewer")));
		assertThat(withEmail.technical()).isFalse();
		assertThat(withEmail.name()).isEqualTo("ann@example.com");
		assertThat(withEmail.roles()).containsExactly("Viewer");
		BtpUser withUserUuid = user(IAS, Map.of("sub", "consumer-client", "azp", "consumer-client", "user_uuid",
				"0b7f-uuid", "ias_apis", List.of("read")));
		assertThat(withUserUuid.technical()).isFalse();
		assertThat(withUserUuid.roles()).isEmpty();
		BtpUser subjectNotTheClient = user(IAS, Map.of("sub", "0b7f-uuid", "azp", "consumer-client"));
		assertThat(subjectNotTheClient.technical()).isFalse();
	}

	@Test
	void xsuaaClientCredentialsAndX509TokensAreTechnicalCallersNamedByTheirClient() {
		for (String grant : List.of("client_credentials", "client_x509")) {
			BtpUser user = user(XSUAA, Map.of("grant_type", grant, "client_id", "sb-caller!t1", "cid", "sb-caller!t1",
					"sub", "sb-caller!t1", "zid", "zone-1", "scope", List.of("app!t1.Read", "uaa.resource")));
			assertThat(user.technical()).as(grant).isTrue();
			assertThat(user.name()).isEqualTo("sb-caller!t1");
			assertThat(user.tenant()).isEqualTo("zone-1");
			assertThat(user.roles()).containsExactly("Read");
		}
	}

	@Test
	void xsuaaUserTokensStayBusinessUsers() {
		for (String grant : List.of("authorization_code", "password", "urn:ietf:params:oauth:grant-type:jwt-bearer",
				"user_token")) {
			BtpUser user = user(XSUAA, Map.of("grant_type", grant, "user_name", "alice", "client_id", "sb-app!t1",
					"scope", List.of("app!t1.Viewer")));
			assertThat(user.technical()).as(grant).isFalse();
			assertThat(user.name()).isEqualTo("alice");
		}
		BtpUser withoutGrantType = user(XSUAA, Map.of("user_name", "alice", "scope", List.of("app!t1.Viewer")));
		assertThat(withoutGrantType.technical()).isFalse();
		assertThat(withoutGrantType.roles()).containsExactly("Viewer");
	}

	private BtpUser user(String issuer, Map<String, Object> claims) {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer(issuer).claims((all) -> all.putAll(claims)).build();
		BtpUser user = this.converter.user(jwt);
		assertThat(this.converter.convert(jwt).getAuthorities()).map(Object::toString)
			.containsExactlyInAnyOrderElementsOf(user.roles());
		return user;
	}

}
