package dev.btpboot.security;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a {@link BtpUser} is a technical caller, and that existing ways of making one stay business users. */
class BtpUserTechnicalCallerTests {

	@Test
	void theSevenPartConstructorMakesABusinessUser() {
		BtpUser user = new BtpUser("alice", "t1", null, Set.of("Viewer"), null, null, "a.b.c");
		assertThat(user.technical()).isFalse();
		assertThat(user).isEqualTo(new BtpUser("alice", "t1", null, Set.of("Viewer"), null, null, "a.b.c", false));
	}

	@Test
	void aTechnicalCallerSaysSoAndStillHidesItsToken() {
		BtpUser client = new BtpUser("sb-client!t1", "t1", null, Set.of("read"), null, null, "a.b.c", true);
		assertThat(client.technical()).isTrue();
		assertThat(client.toString()).contains("technical").contains("token=****").doesNotContain("a.b.c");
		assertThat(client).isNotEqualTo(new BtpUser("sb-client!t1", "t1", null, Set.of("read"), null, null, "a.b.c"));
	}

	@Test
	void aForeignAuthenticationIsABusinessUser() {
		TestingAuthenticationToken authentication = new TestingAuthenticationToken("bob", null, "Viewer");
		authentication.setAuthenticated(true);
		assertThat(BtpUser.of(authentication)).hasValueSatisfying((user) -> {
			assertThat(user.name()).isEqualTo("bob");
			assertThat(user.technical()).isFalse();
		});
	}

}
