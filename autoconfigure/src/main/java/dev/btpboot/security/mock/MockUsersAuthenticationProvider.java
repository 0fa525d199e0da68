package dev.btpboot.security.mock;

import dev.btpboot.security.BtpUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic against the mock users; the principal is the user's {@link BtpUser}. A user without a
 * password is accepted only when the request's {@link ClientSocketDetails} say the TCP peer is a
 * loopback address; without such details the client counts as remote.
 */
final class MockUsersAuthenticationProvider implements AuthenticationProvider {

	private final MockUsers users;

	MockUsersAuthenticationProvider(MockUsers users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		boolean loopbackClient = authentication.getDetails() instanceof ClientSocketDetails client && client.isLoopback();
		BtpUser user = this.users.authenticate(authentication.getName(), password, loopbackClient)
			.orElseThrow(() -> new BadCredentialsException("Unknown mock user, wrong password, or a mock user "
					+ "without a password from a client that is not on the loopback address"));
		return MockUsers.authentication(user);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
