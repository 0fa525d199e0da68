package dev.btpboot.test.security;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.mock.MockUsers;

import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/** Looks the user of {@link WithMockBtpUser} up in the test application's mock user configuration. */
final class WithMockBtpUserSecurityContextFactory implements WithSecurityContextFactory<WithMockBtpUser> {

	private final Environment environment;

	WithMockBtpUserSecurityContextFactory(Environment environment) {
		this.environment = environment;
	}

	@Override
	public SecurityContext createSecurityContext(WithMockBtpUser annotation) {
		MockUsers users = MockUsers.from(this.environment);
		// An Error, not an exception: Spring Security wraps exceptions of a factory in one whose
		// message only repeats the annotation, and the first line a developer reads should say why.
		BtpUser user = users.find(annotation.value())
			.orElseThrow(() -> new AssertionError(
					new MockUserSources(this.environment).describeMissing(annotation.value(), users)));
		if (annotation.technical()) {
			user = new BtpUser(user.name(), user.tenant(), user.subdomain(), user.roles(), user.attributes(),
					user.features(), user.token(), true);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(MockUsers.authentication(user));
		return context;
	}

}
