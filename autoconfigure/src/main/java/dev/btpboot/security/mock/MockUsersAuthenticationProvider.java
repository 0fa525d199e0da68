package dev.btpboot.security.mock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic against the mock users; the principal is the user's {@link dev.btpboot.security.BtpUser}. A user without a
 * password is accepted only when the request's {@link ClientSocketDetails} say the TCP peer is a
 * loopback address; without such details the client counts as remote.
 */
public final class MockUsersAuthenticationProvider implements AuthenticationProvider {

	private final MockUsers users;

	public MockUsersAuthenticationProvider(MockUsers users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return this.users.authenticate(authentication,
				authentication.getDetails() instanceof ClientSocketDetails client && client.isLoopback());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
