package dev.btpboot.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.btpboot.security.BtpUser;
import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A {@code @WithMockBtpUser} that names no user of the test, run as a developer runs it: the first
 * line of the failure says which users exist, where each comes from, and, for a user that a profile
 * the test does not activate defines (src/test/resources/application-dev.yml here), what to add.
 */
class WithMockBtpUserFailureTests {

	@Test
	void aUserOfAProfileTheTestDoesNotActivateIsNamedWithTheProfileToActivate() {
		assertThat(firstLinesOfFailures(UserFromTheDevProfileWithoutTheProfile.class)).containsExactly(
				"java.lang.AssertionError: @WithMockBtpUser(\"viewer\"): no mock user 'viewer' in this test's "
						+ "configuration (active profiles: none). Mock users: authenticated, system (default users). "
						+ "'viewer' is defined in class path resource [application-dev.yml] (profile 'dev'), which "
						+ "this test does not activate: add @ActiveProfiles(\"dev\") to the test class.");
	}

	@Test
	void aUserDefinedNowhereIsNamedWithTheUsersThereAreAndWhereTheyComeFrom() {
		assertThat(firstLinesOfFailures(UserDefinedNowhere.class)).containsExactly(
				"java.lang.AssertionError: @WithMockBtpUser(\"auditor\"): no mock user 'auditor' in this test's "
						+ "configuration (active profiles: dev). Mock users: authenticated, system (default users); "
						+ "admin (Inlined Test Properties); viewer (class path resource [application-dev.yml]). "
						+ "Define it under btp.security.mock.users.auditor in src/test/resources/application.yml "
						+ "(or in a profile's file the test activates).");
	}

	@Test
	void withTheProfileTheUserIsThere() {
		assertThat(EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(UserFromTheDevProfileWithTheProfile.class))
			.execute()
			.testEvents()
			.succeeded()
			.count()).isOne();
	}

	private static List<String> firstLinesOfFailures(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(testClass))
			.execute()
			.testEvents()
			.failed()
			.stream()
			.map(Event::getPayload)
			.map((payload) -> payload.orElseThrow())
			.map((result) -> ((org.junit.platform.engine.TestExecutionResult) result).getThrowable().orElseThrow())
			.map((failure) -> failure.toString().lines().findFirst().orElseThrow())
			.toList();
	}

	@SpringBootTest(classes = TestApplication.class)
	static class UserFromTheDevProfileWithoutTheProfile {

		@Test
		@WithMockBtpUser("viewer")
		void viewer() {
		}

	}

	@SpringBootTest(classes = TestApplication.class)
	@ActiveProfiles("dev")
	static class UserFromTheDevProfileWithTheProfile {

		@Test
		@WithMockBtpUser("viewer")
		void viewer() {
			assertThat(BtpUser.current()).hasValueSatisfying((user) -> assertThat(user.roles()).containsExactly("Viewer"));
		}

	}

	@SpringBootTest(classes = TestApplication.class, properties = "btp.security.mock.users.admin.roles=Admin")
	@ActiveProfiles("dev")
	static class UserDefinedNowhere {

		@Test
		@WithMockBtpUser("auditor")
		void auditor() {
		}

	}

}
