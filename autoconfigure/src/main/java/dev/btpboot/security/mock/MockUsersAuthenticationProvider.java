package dev.btpboot.security.mock;

import dev.btpboot.security.BtpUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** HTTP Basic against the mock users; the principal is the user's {@link BtpUser}. */
final class MockUsersAuthenticationProvider implements AuthenticationProvider {

	private final MockUsers users;

	MockUsersAuthenticationProvider(MockUsers users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		BtpUser user = this.users.authenticate(authentication.getName(), password)
			.orElseThrow(() -> new BadCredentialsException("Unknown mock user or wrong password"));
		return MockUsers.authentication(user);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
