package dev.btpboot.security.mock;

import java.util.List;

import dev.btpboot.security.BtpUser;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

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
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
	}

	/**
	 * The roles of a user, unchanged, as authorities.
	 * @param user the user
	 * @return one authority per role
	 */
	static List<GrantedAuthority> authorities(BtpUser user) {
		return user.roles().stream().sorted().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
